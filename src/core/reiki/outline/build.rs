//! Building the tree of an outline from its lines, one pass: the open nodes as a stack, what
//! cannot be placed listed with its reason.

use std::collections::HashMap;

use super::lex::*;
use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Preamble,
    Toc,
    Body,
    Footer,
}

#[derive(Debug, Clone)]
struct Pending {
    start: usize,
    end: usize,
    caption: String,
}

struct Builder<'a> {
    text: &'a str,
    out: Outline,
    stack: Vec<NodeId>,
    phase: Phase,
    pending: Option<Pending>,
    last_end: usize,
    last_article: Option<Vec<u32>>,
    last_chapter: Option<u32>,
    toc: Vec<TocEntry>,
    /// Per open paragraph: the last item number and whether the items are kanji-numbered.
    items: HashMap<NodeId, (Vec<u32>, bool)>,
    /// Per open 附則: the last article number in it.
    supp_articles: HashMap<NodeId, Vec<u32>>,
    full: bool,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Builder<'a> {
        Builder {
            text,
            out: Outline::default(),
            stack: Vec::new(),
            phase: Phase::Preamble,
            pending: None,
            last_end: 0,
            last_article: None,
            last_chapter: None,
            toc: Vec::new(),
            items: HashMap::new(),
            supp_articles: HashMap::new(),
            full: false,
        }
    }

    fn report(&mut self, line: usize, range: Range<usize>, kind: UnplacedKind) {
        if self.out.unplaced.len() < MAX_UNPLACED {
            let text = short(&self.text[range.clone()]);
            self.out.unplaced.push(Unplaced {
                line,
                range,
                text,
                kind,
            });
        }
    }

    fn kind_of(&self, id: NodeId) -> NodeKind {
        self.out.nodes[id].kind
    }

    /// The open top-level node if it is a 附則, 別表 or 様式.
    fn extra(&self) -> Option<(NodeId, NodeKind)> {
        let root = *self.stack.first()?;
        let kind = self.kind_of(root);
        (kind.level() == 0).then_some((root, kind))
    }

    /// The innermost open node of `kind`.
    fn open(&self, kind: NodeKind) -> Option<NodeId> {
        self.stack
            .iter()
            .rev()
            .copied()
            .find(|&id| self.kind_of(id) == kind)
    }

    /// Closes open nodes of `level` or deeper, ending them at the last content line.
    fn close_to(&mut self, level: u8) {
        while let Some(&top) = self.stack.last() {
            if self.kind_of(top).level() < level {
                break;
            }
            self.stack.pop();
            self.items.remove(&top);
            let node = &mut self.out.nodes[top];
            node.range.end = self.last_end.max(node.range.start);
        }
    }

    /// Opens a node under the innermost open node.
    fn push(
        &mut self,
        kind: NodeKind,
        number: String,
        caption: Option<String>,
        start: usize,
        body: usize,
        line: usize,
    ) -> Option<NodeId> {
        if self.out.nodes.len() >= MAX_NODES {
            if !self.full {
                self.full = true;
                let end = self.text[start..]
                    .find('\n')
                    .map_or(self.text.len(), |e| start + e);
                self.report(line, start..end, UnplacedKind::TooManyNodes);
            }
            return None;
        }
        let id = self.out.nodes.len();
        let parent = self.stack.last().copied();
        self.out.nodes.push(Node {
            kind,
            number,
            caption,
            range: start..start,
            body,
            line,
            parent,
            children: Vec::new(),
        });
        match parent {
            Some(p) => self.out.nodes[p].children.push(id),
            None => self.out.roots.push(id),
        }
        self.stack.push(id);
        Some(id)
    }

    /// The pending caption line becomes text of the current node.
    fn flush_pending(&mut self) {
        if let Some(p) = self.pending.take() {
            self.last_end = p.end;
        }
    }

    fn line(&mut self, start: usize, line_no: usize, raw: &str) {
        if self.phase == Phase::Footer || self.full {
            return;
        }
        let end = start + raw.len();
        let token = classify(raw, start);
        if token == Token::Blank {
            return;
        }
        match self.phase {
            Phase::Preamble => {
                if self.preamble(start, end, line_no, raw, &token) {
                    return;
                }
            }
            Phase::Toc => {
                if self.toc_line(start, end, line_no, raw, &token) {
                    return;
                }
            }
            Phase::Body | Phase::Footer => {}
        }
        self.phase = Phase::Body;
        // the footer of a 例規集 page: the title again, 体系情報, 沿革情報
        let plain = raw.trim().trim_start_matches('○');
        if token == Token::Footer || self.out.title.as_deref() == Some(plain) {
            self.pending = None;
            self.close_to(0);
            self.phase = Phase::Footer;
            self.report(line_no, start..end, UnplacedKind::PageFooter);
            return;
        }
        self.body(start, end, line_no, raw, token);
    }

    /// A line before the body; true when consumed.
    fn preamble(
        &mut self,
        start: usize,
        end: usize,
        line_no: usize,
        raw: &str,
        token: &Token,
    ) -> bool {
        match token {
            Token::Toc => {
                self.pending = None;
                self.phase = Phase::Toc;
                true
            }
            Token::Article { .. }
            | Token::Group { .. }
            | Token::Supplementary { .. }
            | Token::Extra { .. } => false,
            Token::Caption(caption) => {
                self.pending = Some(Pending {
                    start,
                    end,
                    caption: caption.clone(),
                });
                true
            }
            Token::Paragraph { .. } | Token::Item { .. } | Token::SubItem { .. } => {
                self.pending = None;
                self.report(line_no, start..end, UnplacedKind::TextBeforeFirstArticle);
                true
            }
            _ => {
                self.pending = None;
                let t = raw.trim().trim_start_matches('○').trim();
                if self.out.title.is_none() {
                    self.out.title = Some(t.to_string());
                } else if t.ends_with('。') && !is_enactment_clause(t) {
                    self.report(line_no, start..end, UnplacedKind::TextBeforeFirstArticle);
                }
                true
            }
        }
    }

    /// A line of the 目次; true when consumed.
    fn toc_line(
        &mut self,
        start: usize,
        end: usize,
        line_no: usize,
        raw: &str,
        token: &Token,
    ) -> bool {
        match token {
            Token::Group {
                kind,
                number,
                range,
                ..
            } => {
                let seen = self
                    .toc
                    .iter()
                    .any(|e| e.kind == *kind && e.number == number.to_string());
                if seen {
                    // the body's first chapter: the 目次 is over
                    return false;
                }
                self.toc.push(TocEntry {
                    kind: *kind,
                    number: number.to_string(),
                    range: range.clone(),
                    line: line_no,
                    span: start..end,
                    text: raw.trim().to_string(),
                });
                true
            }
            Token::Supplementary { .. } | Token::Extra { .. } => true,
            Token::Other if raw.trim().chars().count() <= 20 && !raw.contains('。') => true,
            Token::Other => {
                self.phase = Phase::Preamble;
                self.preamble(start, end, line_no, raw, token)
            }
            _ => false,
        }
    }

    fn body(&mut self, start: usize, end: usize, line_no: usize, raw: &str, token: Token) {
        match token {
            Token::Caption(caption) => {
                let in_main_or_supp = self.open(NodeKind::Article).is_some()
                    || matches!(self.extra(), Some((_, NodeKind::Supplementary)));
                if is_amendment_designation(&caption) && in_main_or_supp {
                    self.pending = None;
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::SupplementaryWithoutHeader,
                    );
                    self.close_to(0);
                    self.push(
                        NodeKind::Supplementary,
                        String::new(),
                        Some(caption),
                        start,
                        end,
                        line_no,
                    );
                    self.last_end = end;
                    return;
                }
                self.flush_pending();
                self.pending = Some(Pending {
                    start,
                    end,
                    caption,
                });
            }
            Token::Article {
                number,
                caption,
                body,
            } => self.article(start, end, line_no, number, caption, body),
            Token::Group {
                kind,
                number,
                title,
                ..
            } => {
                self.flush_pending();
                if self.extra().is_some() {
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::ChapterAfterBody { found: short(raw) },
                    );
                    self.last_end = end;
                    return;
                }
                let title = (!title.is_empty()).then_some(title);
                match kind {
                    NodeKind::Chapter => {
                        self.close_to(1);
                        self.last_chapter = Some(number);
                    }
                    _ => {
                        self.close_to(kind.level());
                        let parent_level = kind.level() - 1;
                        let has_parent = self
                            .stack
                            .last()
                            .is_some_and(|&t| self.kind_of(t).level() == parent_level);
                        if !has_parent {
                            self.report(
                                line_no,
                                start..end,
                                UnplacedKind::SectionOutsideChapter { found: short(raw) },
                            );
                        }
                    }
                }
                self.push(kind, number.to_string(), title, start, end, line_no);
                self.last_end = end;
            }
            Token::Supplementary { caption } => {
                self.flush_pending();
                self.close_to(0);
                self.push(
                    NodeKind::Supplementary,
                    String::new(),
                    caption,
                    start,
                    end,
                    line_no,
                );
                self.last_end = end;
            }
            Token::Extra {
                kind,
                number,
                caption,
            } => {
                self.flush_pending();
                self.close_to(0);
                self.push(kind, number, caption, start, end, line_no);
                self.last_end = end;
            }
            Token::Paragraph { number, body } => self.paragraph(start, end, line_no, number, body),
            Token::Item {
                number,
                kanji,
                body,
            } => self.item(start, end, line_no, number, kanji, body),
            Token::SubItem { number, body } => {
                self.flush_pending();
                if self.structure_ignored() {
                    self.last_end = end;
                    return;
                }
                if self.open(NodeKind::Item).is_none() {
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::SubItemOutsideItem { found: number },
                    );
                    self.last_end = end;
                    return;
                }
                self.close_to(NodeKind::SubItem.level());
                self.push(NodeKind::SubItem, number, None, start, body, line_no);
                self.last_end = end;
            }
            Token::Blank | Token::Toc | Token::Footer | Token::Other => {
                self.flush_pending();
                let in_main_article =
                    self.extra().is_none() && self.open(NodeKind::Article).is_some();
                if in_main_article && is_enforcement_clause(raw) {
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::SupplementaryWithoutHeader,
                    );
                    self.close_to(0);
                    self.push(
                        NodeKind::Supplementary,
                        String::new(),
                        None,
                        start,
                        start,
                        line_no,
                    );
                }
                // unnumbered text of a 附則 without 条 is its 項 1
                if let Some((supp, NodeKind::Supplementary)) = self.extra()
                    && self.stack.len() == 1
                    && self.out.nodes[supp].children.is_empty()
                {
                    let body = start + (raw.len() - raw.trim_start().len());
                    self.push(NodeKind::Paragraph, "1".into(), None, start, body, line_no);
                }
                self.last_end = end;
            }
        }
    }

    /// True inside a 別表 or 様式, whose lines hold no structure.
    fn structure_ignored(&self) -> bool {
        matches!(
            self.extra(),
            Some((_, NodeKind::Table)) | Some((_, NodeKind::Form))
        )
    }

    fn article(
        &mut self,
        start: usize,
        end: usize,
        line_no: usize,
        number: Vec<u32>,
        inline_caption: Option<String>,
        body: usize,
    ) {
        if self.structure_ignored() {
            self.flush_pending();
            self.last_end = end;
            return;
        }
        let supp = match self.extra() {
            Some((id, NodeKind::Supplementary)) => Some(id),
            _ => None,
        };
        let previous = match supp {
            Some(id) => self.supp_articles.get(&id).cloned(),
            None => self.last_article.clone(),
        };
        let found = cite_number(&number);
        match &previous {
            Some(prev) if number <= *prev => {
                self.flush_pending();
                self.report(
                    line_no,
                    start..end,
                    UnplacedKind::ArticleOutOfOrder {
                        previous: cite_number(prev),
                        found,
                    },
                );
                self.last_end = end;
                return;
            }
            Some(prev) if number[0] > prev[0] + 1 => self.report(
                line_no,
                start..end,
                UnplacedKind::ArticleSkipped {
                    expected: (prev[0] + 1).to_string(),
                    found: found.clone(),
                },
            ),
            None if number != [1] && supp.is_none() => self.report(
                line_no,
                start..end,
                UnplacedKind::ArticleSkipped {
                    expected: "1".into(),
                    found: found.clone(),
                },
            ),
            _ => {}
        }
        let pending = self.pending.take();
        let node_start = pending.as_ref().map_or(start, |p| p.start);
        let caption = inline_caption.or(pending.map(|p| p.caption));
        self.close_to(NodeKind::Article.level());
        if self
            .push(NodeKind::Article, found, caption, node_start, body, line_no)
            .is_none()
        {
            return;
        }
        self.push(NodeKind::Paragraph, "1".into(), None, start, body, line_no);
        match supp {
            Some(id) => {
                self.supp_articles.insert(id, number);
            }
            None => self.last_article = Some(number),
        }
        self.last_end = end;
    }

    fn paragraph(&mut self, start: usize, end: usize, line_no: usize, number: u32, body: usize) {
        if self.structure_ignored() {
            self.flush_pending();
            self.last_end = end;
            return;
        }
        // the paragraphs' parent: the open article, or a 附則 without articles
        let parent = self.open(NodeKind::Article).or(match self.extra() {
            Some((id, NodeKind::Supplementary))
                if !self.out.nodes[id]
                    .children
                    .iter()
                    .any(|&c| self.kind_of(c) == NodeKind::Article) =>
            {
                Some(id)
            }
            _ => None,
        });
        let Some(parent) = parent else {
            self.flush_pending();
            self.report(
                line_no,
                start..end,
                UnplacedKind::ParagraphOutsideArticle { found: number },
            );
            self.last_end = end;
            return;
        };
        let last = self.out.nodes[parent]
            .children
            .iter()
            .rev()
            .find(|&&c| self.kind_of(c) == NodeKind::Paragraph)
            .and_then(|&c| self.out.nodes[c].number.parse::<u32>().ok())
            .unwrap_or(0);
        if number != last + 1 {
            self.flush_pending();
            let article = if self.kind_of(parent) == NodeKind::Article {
                self.out.nodes[parent].number.clone()
            } else {
                "附則".into()
            };
            self.report(
                line_no,
                start..end,
                UnplacedKind::ParagraphOutOfSequence {
                    article,
                    expected: last + 1,
                    found: number,
                },
            );
            self.last_end = end;
            return;
        }
        let pending = self.pending.take();
        let node_start = pending.as_ref().map_or(start, |p| p.start);
        if pending.is_some() && self.kind_of(parent) == NodeKind::Article {
            // a caption before a 項 of a 条 is unusual: keep it as text of the 項 before
            self.last_end = pending.as_ref().map_or(self.last_end, |p| p.end);
        }
        let level = self.kind_of(parent).level() + 1;
        self.close_to(level.max(NodeKind::Paragraph.level()));
        let caption = if self.kind_of(parent) == NodeKind::Supplementary {
            pending.map(|p| p.caption)
        } else {
            None
        };
        let node_start = if caption.is_some() { node_start } else { start };
        self.push(
            NodeKind::Paragraph,
            number.to_string(),
            caption,
            node_start,
            body,
            line_no,
        );
        self.last_end = end;
    }

    fn item(
        &mut self,
        start: usize,
        end: usize,
        line_no: usize,
        number: Vec<u32>,
        kanji: bool,
        body: usize,
    ) {
        self.flush_pending();
        if self.structure_ignored() {
            self.last_end = end;
            return;
        }
        let found = cite_number(&number);
        let Some(paragraph) = self.open(NodeKind::Paragraph) else {
            self.report(
                line_no,
                start..end,
                UnplacedKind::ItemOutsideArticle { found },
            );
            self.last_end = end;
            return;
        };
        let state = self.items.get(&paragraph).cloned();
        // under kanji-numbered 号 (一, 二), 「(1)」 numbers the sub-items
        if let Some((_, true)) = state
            && !kanji
            && self.open(NodeKind::Item).is_some()
        {
            self.close_to(NodeKind::SubItem.level());
            self.push(NodeKind::SubItem, found, None, start, body, line_no);
            self.last_end = end;
            return;
        }
        match &state {
            None => {
                if number[0] != 1 {
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::ItemSkipped {
                            expected: "1".into(),
                            found: found.clone(),
                        },
                    );
                }
                let own = &self.text[self.out.nodes[paragraph].body.min(start)..start];
                if !announces_items(own) {
                    self.report(
                        line_no,
                        start..end,
                        UnplacedKind::ItemsWithoutLeadIn {
                            found: found.clone(),
                        },
                    );
                }
            }
            Some((prev, _)) if number <= *prev => {
                self.report(
                    line_no,
                    start..end,
                    UnplacedKind::ItemOutOfOrder {
                        previous: cite_number(prev),
                        found,
                    },
                );
                self.last_end = end;
                return;
            }
            Some((prev, _)) if number[0] > prev[0] + 1 => self.report(
                line_no,
                start..end,
                UnplacedKind::ItemSkipped {
                    expected: (prev[0] + 1).to_string(),
                    found: found.clone(),
                },
            ),
            _ => {}
        }
        self.close_to(NodeKind::Item.level());
        let style = state.map_or(kanji, |(_, k)| k);
        if self
            .push(NodeKind::Item, found, None, start, body, line_no)
            .is_some()
        {
            self.items.insert(paragraph, (number, style));
        }
        self.last_end = end;
    }

    fn finish(mut self) -> Outline {
        if self.phase != Phase::Footer {
            self.flush_pending();
        }
        self.close_to(0);
        self.check_toc();
        let mut out = self.out;
        out.build_index();
        out.unplaced.sort_by_key(|u| u.line);
        out
    }

    /// Compares the 目次's 条 ranges with the chapters of the body.
    fn check_toc(&mut self) {
        let entries = std::mem::take(&mut self.toc);
        for e in entries {
            let Some((first, last)) = &e.range else {
                continue;
            };
            if e.kind != NodeKind::Chapter {
                continue;
            }
            let chapter = self.out.roots.iter().copied().find(|&r| {
                self.kind_of(r) == NodeKind::Chapter && self.out.nodes[r].number == e.number
            });
            let range_label = |a: &str, b: &str| {
                if a == b {
                    article_ja(a)
                } else {
                    format!("{}〜{}", article_ja(a), article_ja(b))
                }
            };
            let toc = range_label(first, last);
            let name = format!("第{}章", e.number);
            let body = chapter.map(|c| {
                let articles = self.out.descendants_of_kind(c, NodeKind::Article);
                match (articles.first(), articles.last()) {
                    (Some(&a), Some(&b)) => (
                        self.out.nodes[a].number.clone(),
                        self.out.nodes[b].number.clone(),
                    ),
                    _ => (String::new(), String::new()),
                }
            });
            let differs = match &body {
                Some((a, b)) => a != first || b != last,
                None => true,
            };
            if differs {
                let _ = &e.text;
                self.report(
                    e.line,
                    e.span.clone(),
                    UnplacedKind::TocMismatch {
                        chapter: name,
                        toc,
                        body: body
                            .filter(|(a, _)| !a.is_empty())
                            .map(|(a, b)| range_label(&a, &b)),
                    },
                );
            }
        }
    }
}

impl Outline {
    /// Outlines `text` (any size: the time is linear; callers refuse huge inputs earlier).
    pub fn parse(text: &str) -> Outline {
        let mut b = Builder::new(text);
        let mut offset = 0usize;
        for (i, raw) in text.split_inclusive('\n').enumerate() {
            let start = offset;
            offset += raw.len();
            let line = raw.trim_end_matches(['\n', '\r']);
            b.line(start, i + 1, line);
        }
        b.finish()
    }
}
