//! The worked example in policies/README.md is a valid bundle (docs must not rot).

use std::process::Command;

#[test]
fn worked_example_in_policies_readme_validates() {
    let root = env!("CARGO_MANIFEST_DIR");
    let readme = std::fs::read_to_string(format!("{root}/policies/README.md")).unwrap();
    let section = &readme[readme.find("## 3.").expect("worked example section")..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let toml = &section[start..start + section[start..].find("```").unwrap()];
    let dir = std::env::temp_dir().join(format!("tenken-docs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bundle.toml"), toml).unwrap();
    std::fs::copy(
        format!("{root}/tests/fixtures/mini/source.txt"),
        dir.join("source.txt"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_tenken"))
        .args(["bundle", "check"])
        .arg(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("委託契約 2項目"), "{text}");
}
