//! The structure of a regulation text: where each article (条), paragraph (項) and item (号)
//! begins, recognised from the conventional layout of Japanese 例規.
//!
//! - an article begins with a line 「第20条 …」 (also 「第 20 条」, 「第30条の6」, full-width digits,
//!   and a leading list marker 「- 」 as some copies have); a caption line 「(点検)」 just before it
//!   belongs to it;
//! - paragraph n+1 begins with a line 「2 …」 inside an article; the text after the header is
//!   paragraph 1;
//! - an item begins with a line 「(3) …」;
//! - a chapter line 「第5章 …」 or 「付則」/「附則」 ends the article before it.
//!
//! Real texts have defects (missing article headers, skipped numbers). The index reports what
//! the text says, not what the law means: callers decide what a mismatch means.

use std::ops::Range;

/// Where a paragraph or item starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset of the line in the text.
    pub offset: usize,
    /// Article number as cited ("20", "30-6").
    pub article: String,
    /// Paragraph number (1 for the text after the header).
    pub paragraph: u32,
    /// Item number inside the paragraph, if this mark starts an item.
    pub item: Option<String>,
}

/// One article's text, caption included.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleSpan {
    /// Article number as cited ("20", "30-6").
    pub article: String,
    /// Byte range in the text (caption line to the end of its last paragraph).
    pub range: Range<usize>,
}

/// The located structure of one regulation text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceIndex {
    marks: Vec<Mark>,
    articles: Vec<ArticleSpan>,
    /// Positions in `articles`, by article number (text order among equal numbers): finding
    /// an article costs a binary search, however many articles a text has.
    by_number: Vec<usize>,
}

/// What a line of a regulation text is.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    Article(String),
    Paragraph(u32),
    Item(String),
    Caption,
    Boundary,
    Blank,
    Other,
}

/// Strips indentation and list markers ("- ", "・") from the start of a line.
fn strip_marker(line: &str) -> &str {
    let t = line.trim_start();
    for marker in ["- ", "-\u{3000}", "* ", "・"] {
        if let Some(rest) = t.strip_prefix(marker) {
            return rest.trim_start();
        }
    }
    t
}

/// Reads ASCII digits at the start of `s` and returns the number and what follows it.
fn digits(s: &str) -> Option<(u32, &str)> {
    let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    if end == 0 || end > 6 {
        return None;
    }
    let n = s[..end].parse().ok()?;
    Some((n, &s[end..]))
}

/// True at the end of a token: end of line or white space.
fn ends_token(rest: &str) -> bool {
    rest.is_empty() || rest.starts_with(char::is_whitespace)
}

fn classify(raw: &str) -> Line {
    let t = strip_marker(raw);
    if t.is_empty() {
        return Line::Blank;
    }
    // only the head of the line decides; normalise a bounded prefix (full-width digits,
    // ideographic space and full-width parentheses become ASCII)
    let head = crate::core::text::nfkc(&t.chars().take(24).collect::<String>());
    if let Some(rest) = head.strip_prefix('第') {
        let Some((n, rest)) = digits(rest.trim_start()) else {
            return Line::Other;
        };
        let rest = rest.trim_start();
        if let Some(mut rest) = rest.strip_prefix('条') {
            let mut number = n.to_string();
            while let Some(after) = rest.strip_prefix('の') {
                let Some((sub, r)) = digits(after.trim_start()) else {
                    // 「第5条の規定により…」 is a reference, not a header
                    return Line::Other;
                };
                number.push('-');
                number.push_str(&sub.to_string());
                rest = r;
            }
            // a header is followed by white space; 「第5条に規定する…」 is a reference
            return if ends_token(rest) {
                Line::Article(number)
            } else {
                Line::Other
            };
        }
        if rest.starts_with(['章', '節', '款']) {
            return Line::Boundary;
        }
        return Line::Other;
    }
    if head.starts_with("付則") || head.starts_with("附則") || head.starts_with("別表") {
        return Line::Boundary;
    }
    if let Some(rest) = head.strip_prefix('(') {
        if let Some((n, rest)) = digits(rest.trim_start())
            && rest.trim_start().starts_with(')')
        {
            return Line::Item(n.to_string());
        }
        return if t.trim_end().ends_with([')', '）']) && t.chars().count() <= 40 {
            Line::Caption
        } else {
            Line::Other
        };
    }
    match digits(&head) {
        Some((n, rest)) if ends_token(rest) => Line::Paragraph(n),
        _ => Line::Other,
    }
}

impl SourceIndex {
    /// Recognises the articles, paragraphs and items of `text`.
    pub fn parse(text: &str) -> SourceIndex {
        let mut index = SourceIndex::default();
        let mut current: Option<(String, usize, u32)> = None; // article, span start, paragraph
        let mut last_caption: Option<usize> = None;
        let mut last_content_end = 0usize;
        let mut offset = 0usize;
        for raw in text.split_inclusive('\n') {
            let line_start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            match classify(line) {
                Line::Blank => continue,
                Line::Caption => {
                    last_caption = Some(line_start);
                    last_content_end = line_start + line.len();
                    continue;
                }
                Line::Article(number) => {
                    let start = last_caption.take().unwrap_or(line_start);
                    if let Some((article, span_start, _)) = current.take() {
                        index.close(article, span_start, start, text);
                    }
                    index.marks.push(Mark {
                        offset: line_start,
                        article: number.clone(),
                        paragraph: 1,
                        item: None,
                    });
                    current = Some((number, start, 1));
                }
                Line::Boundary => {
                    if let Some((article, span_start, _)) = current.take() {
                        let end = last_caption.unwrap_or(line_start);
                        index.close(article, span_start, end, text);
                    }
                }
                Line::Paragraph(n) => {
                    if let Some((article, _, paragraph)) = current.as_mut()
                        && n == *paragraph + 1
                    {
                        *paragraph = n;
                        index.marks.push(Mark {
                            offset: line_start,
                            article: article.clone(),
                            paragraph: n,
                            item: None,
                        });
                    }
                }
                Line::Item(n) => {
                    if let Some((article, _, paragraph)) = current.as_ref() {
                        index.marks.push(Mark {
                            offset: line_start,
                            article: article.clone(),
                            paragraph: *paragraph,
                            item: Some(n),
                        });
                    }
                }
                Line::Other => {}
            }
            last_caption = None;
            last_content_end = line_start + line.len();
        }
        if let Some((article, span_start, _)) = current.take() {
            index.close(article, span_start, last_content_end.max(span_start), text);
        }
        let mut by_number: Vec<usize> = (0..index.articles.len()).collect();
        let articles = &index.articles;
        crate::core::sort::sort_by(&mut by_number, |&a, &b| {
            articles[a].article.cmp(&articles[b].article)
        });
        index.by_number = by_number;
        index
    }

    fn close(&mut self, article: String, start: usize, end: usize, text: &str) {
        let trimmed = text[start..end].trim_end();
        self.articles.push(ArticleSpan {
            article,
            range: start..start + trimmed.len(),
        });
    }

    /// True when no article header was recognised (the text's layout is unknown).
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The articles in text order.
    pub fn articles(&self) -> &[ArticleSpan] {
        &self.articles
    }

    /// The paragraph or item in which byte `offset` lies, if it lies in an article.
    pub fn locate(&self, offset: usize) -> Option<&Mark> {
        let article = self.article_at(offset)?;
        let i = self.marks.partition_point(|m| m.offset <= offset);
        let mark = self.marks[..i].last()?;
        (mark.article == article.article).then_some(mark)
    }

    /// The article whose span holds byte `offset`.
    pub fn article_at(&self, offset: usize) -> Option<&ArticleSpan> {
        let i = self.articles.partition_point(|a| a.range.start <= offset);
        let a = self.articles[..i].last()?;
        (offset < a.range.end).then_some(a)
    }

    /// The first article with this number.
    pub fn article(&self, number: &str) -> Option<&ArticleSpan> {
        let i = self
            .by_number
            .partition_point(|&a| self.articles[a].article.as_str() < number);
        let a = self.articles.get(*self.by_number.get(i)?)?;
        (a.article == number).then_some(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "目次\n\n第1章 総則(第1条・第2条)\n\n第1章 総則\n\n(目的)\n\n第1条 この規則は、目的を定める。\n\n(外部委託)\n\n第20条 契約書には、次に掲げる事項を明記しなければならない。\n\n(1) 秘密保持に関する事項\n\n(2) 再委託に関する事項\n\n2 特定個人情報を取り扱うときは、次に掲げる事項を加える。\n\n(1) 設備に関する事項\n\n第5章 評価\n\n- 第 21 条 課長は、点検を行う。\n- 2 課長は、結果を報告する。\n\n第30条の6 第5条の規定により読み替える。\n\n付則\n\nこの規則は、公布の日から施行する。\n";

    fn loc(index: &SourceIndex, needle: &str) -> Option<(String, u32, Option<String>)> {
        let at = TEXT.find(needle).expect("needle in text");
        index
            .locate(at)
            .map(|m| (m.article.clone(), m.paragraph, m.item.clone()))
    }

    #[test]
    fn articles_paragraphs_items() {
        let index = SourceIndex::parse(TEXT);
        let numbers: Vec<_> = index
            .articles()
            .iter()
            .map(|a| a.article.as_str())
            .collect();
        assert_eq!(numbers, ["1", "20", "21", "30-6"]);
        assert_eq!(loc(&index, "この規則は"), Some(("1".into(), 1, None)));
        assert_eq!(
            loc(&index, "秘密保持"),
            Some(("20".into(), 1, Some("1".into())))
        );
        assert_eq!(
            loc(&index, "再委託に"),
            Some(("20".into(), 1, Some("2".into())))
        );
        assert_eq!(loc(&index, "特定個人情報を"), Some(("20".into(), 2, None)));
        assert_eq!(
            loc(&index, "設備に"),
            Some(("20".into(), 2, Some("1".into())))
        );
        assert_eq!(loc(&index, "結果を報告"), Some(("21".into(), 2, None)));
        assert_eq!(loc(&index, "読み替える"), Some(("30-6".into(), 1, None)));
    }

    #[test]
    fn caption_belongs_to_the_next_article_and_chapters_end_articles() {
        let index = SourceIndex::parse(TEXT);
        let a20 = index.article("20").expect("article 20");
        let body = &TEXT[a20.range.clone()];
        assert!(body.starts_with("(外部委託)"), "{body}");
        assert!(body.ends_with("(1) 設備に関する事項"), "{body}");
        let a30 = index.article("30-6").expect("article 30-6");
        assert!(TEXT[a30.range.clone()].ends_with("読み替える。"));
        assert!(
            index
                .locate(TEXT.find("公布の日").expect("in text"))
                .is_none()
        );
        assert!(index.locate(TEXT.find("目次").expect("in text")).is_none());
    }

    #[test]
    fn references_are_not_headers() {
        let index = SourceIndex::parse("第3条の規定により読み替える。\n第3条 見出し\n");
        assert_eq!(index.articles().len(), 1);
        assert_eq!(index.articles()[0].article, "3");
    }

    #[test]
    fn an_article_is_found_by_its_number_the_first_in_text_order() {
        let text = "第10条 甲\n第2条 乙\n第1条 丙\n第2条 丁\n";
        let index = SourceIndex::parse(text);
        let body = |n: &str| index.article(n).map(|a| &text[a.range.clone()]);
        assert_eq!(body("2"), Some("第2条 乙"));
        assert_eq!(body("10"), Some("第10条 甲"));
        assert_eq!(body("1"), Some("第1条 丙"));
        assert_eq!(body("3"), None);
        assert_eq!(body(""), None);
        assert_eq!(SourceIndex::default().article("1"), None);
    }

    #[test]
    fn full_width_digits_and_unknown_layout() {
        let index = SourceIndex::parse("第１２条　全角の見出し\n２　第二項\n");
        assert_eq!(index.articles()[0].article, "12");
        assert!(SourceIndex::parse("第一条 漢数字の見出し\n").is_empty());
    }
}
