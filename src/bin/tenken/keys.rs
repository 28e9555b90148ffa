//! `tenken keygen` and `tenken sign`: thin over `tenken::core::sign`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use tenken::core::Message;
use tenken::core::sign::{
    Owner, Registration, SignedBundle, UnlockedKey, fingerprint_of, generate, public_key_file,
};
use tenken::load;

use crate::error::CliError;
use crate::io;

/// The environment variable scripts use instead of the prompt.
const PASSPHRASE_ENV: &str = "TENKEN_PASSPHRASE";
/// The largest file `sign` signs.
const MAX_SIGNED_INPUT: usize = 64 * 1024 * 1024;
/// The largest key file read.
pub const MAX_KEY_FILE: usize = 64 * 1024;

/// 署名用の鍵を作る / make a key pair (passphrase from a prompt or TENKEN_PASSPHRASE)
#[derive(Args)]
pub struct Keygen {
    /// 秘密鍵ファイル（パスフレーズで暗号化） / secret key file (encrypted)
    #[arg(short, long, default_value = "tenken.key")]
    secret: PathBuf,
    /// 公開鍵ファイル（minisign 形式） / public key file (minisign format)
    #[arg(short, long, default_value = "tenken.pub")]
    public: PathBuf,
    /// 情報担当課に送る登録ファイルも書く / also write a registration file
    #[arg(short, long, requires_all = ["division", "name"])]
    registration: Option<PathBuf>,
    /// 課名 / division
    #[arg(long)]
    division: Option<String>,
    /// 氏名 / name
    #[arg(long)]
    name: Option<String>,
    /// 役職 / title
    #[arg(long)]
    title: Option<String>,
    /// 既存のファイルを上書きする / overwrite existing files
    #[arg(short, long)]
    force: bool,
}

/// ファイルに署名して FILE.minisig を書く。--publisher を付けると規則に署名して、公開と同じ署名した
/// 規則ファイル（<id>_<version>.tenken-bundle.json）を書く / sign files, writing FILE.minisig; with
/// --publisher, sign bundles as 公開 does, writing <id>_<version>.tenken-bundle.json
#[derive(Args)]
pub struct Sign {
    /// 秘密鍵ファイル / secret key file
    #[arg(short, long, default_value = "tenken.key")]
    secret: PathBuf,
    /// 発行元の名前（課長の画面に表示）。規則（フォルダ、bundle.toml、.json）に署名する / the
    /// publisher's name: sign bundles (a folder, bundle.toml or .json) into signed bundle files
    #[arg(long)]
    publisher: Option<String>,
    /// 署名した規則ファイルを書くフォルダ / where signed bundle files are written (with --publisher)
    #[arg(short, long, default_value = ".", requires = "publisher")]
    output: PathBuf,
    /// files to sign
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

fn passphrase(confirm: bool) -> Result<String, CliError> {
    if let Ok(p) = std::env::var(PASSPHRASE_ENV) {
        return Ok(p);
    }
    let unreadable = |e: std::io::Error| {
        CliError::failed(
            format!("パスフレーズを読めません（{e}）"),
            format!("cannot read the passphrase: {e}"),
        )
    };
    let first = rpassword::prompt_password("パスフレーズ / passphrase: ").map_err(unreadable)?;
    if confirm {
        let again = rpassword::prompt_password("もう一度 / again: ").map_err(unreadable)?;
        if again != first {
            return Err(CliError::failed(
                "パスフレーズが一致しません",
                "the passphrases differ",
            ));
        }
    }
    Ok(first)
}

impl Keygen {
    /// Makes the key pair (and the registration file), never overwriting without --force.
    pub fn run(self) -> Result<ExitCode, CliError> {
        for p in [&self.secret, &self.public]
            .into_iter()
            .chain(self.registration.as_ref())
        {
            if p.exists() && !self.force {
                return Err(CliError::failed(
                    format!("{} は既にあります（上書きは --force）", p.display()),
                    format!("{} already exists (use --force)", p.display()),
                ));
            }
        }
        let created = io::today().to_string();
        // the owner the app would accept; a key for minisign alone may have none
        let owner = match (&self.division, &self.name) {
            (None, None) if self.title.is_none() => Owner {
                created: created.clone(),
                ..Owner::default()
            },
            _ => Owner::typed(
                self.division.as_deref().unwrap_or_default(),
                self.name.as_deref().unwrap_or_default(),
                self.title.as_deref().unwrap_or_default(),
                &created,
            )
            .map_err(|e| CliError::failed(e.message_ja(), e.message_en()))?,
        };
        let pass = passphrase(true)?;
        let key = generate(&pass, &owner)?;
        let public = public_key_file(&key.public_key)?;
        io::write_new(&self.secret, &key.secret_key_file, self.force)?;
        io::write_new(&self.public, &public, self.force)?;
        let fingerprint = fingerprint_of(&key.public_key)?;
        out!(
            "秘密鍵 / secret key: {}（パスフレーズで暗号化 / encrypted）",
            self.secret.display()
        );
        out!(
            "公開鍵 / public key: {} {}",
            self.public.display(),
            key.public_key
        );
        out!("指紋 / fingerprint: {fingerprint}");
        if let Some(path) = &self.registration {
            let reg = Registration::new(
                &owner.division,
                &owner.name,
                &owner.title,
                &key.public_key,
                &created,
            )?;
            io::write_new(path, &format!("{}\n", reg.to_json()), self.force)?;
            out!("登録ファイル / registration: {}", path.display());
        }
        Ok(ExitCode::SUCCESS)
    }
}

impl Sign {
    /// Signs each file as minisign does; a file that cannot be signed is reported and the
    /// others are still signed.
    pub fn run(self) -> Result<ExitCode, CliError> {
        let text = io::read_text(&self.secret, MAX_KEY_FILE)?;
        let pass = passphrase(false)?;
        let key = UnlockedKey::unlock(&text, &pass)?;
        if let Some(publisher) = &self.publisher {
            return self.sign_bundles(&key, publisher);
        }
        let mut failed = false;
        for file in &self.files {
            let out = PathBuf::from(format!("{}.minisig", file.display()));
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let signed = io::read_bytes(file, MAX_SIGNED_INPUT).and_then(|bytes| {
                let comment = format!("timestamp:{}\tfile:{name}\thashed", io::unix_now());
                let sig = key.sign(&bytes, &comment)?;
                io::write(&out, sig.as_bytes())
            });
            match signed {
                Ok(()) => out!("{}", out.display()),
                Err(e) => {
                    failed = true;
                    eprintln!("{}", e.both());
                }
            }
        }
        Ok(if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        })
    }
}

impl Sign {
    /// Signs each bundle (read and validated as every command reads one) over its canonical
    /// JSON, as 公開 does, and writes the signed bundle file into the output folder; a bundle
    /// with errors is reported and not signed, the others still are.
    fn sign_bundles(&self, key: &UnlockedKey, publisher: &str) -> Result<ExitCode, CliError> {
        let mut failed = false;
        for path in &self.files {
            let loaded = match load::load(path) {
                Ok(loaded) => loaded,
                Err(problems) => {
                    failed = true;
                    eprintln!("NG {}:", load::bundle_file(path).display());
                    for p in &problems.0 {
                        eprintln!("  {p}");
                    }
                    continue;
                }
            };
            let signed = loaded
                .raw
                .to_canonical_json()
                .map_err(|e| {
                    CliError::failed(
                        format!("JSON にできません（{e}）"),
                        format!("cannot serialise: {e}"),
                    )
                })
                .and_then(|canonical| {
                    Ok(SignedBundle::sign(
                        &canonical,
                        publisher,
                        key,
                        io::unix_now(),
                    )?)
                })
                .and_then(|signed| {
                    let out = self.output.join(signed.file_name());
                    io::write(&out, signed.to_json().as_bytes())?;
                    Ok((out, signed))
                });
            match signed {
                Ok((out, signed)) => out!(
                    "{} sha256:{} 発行元 / publisher: {}",
                    out.display(),
                    loaded.validated.bundle.hash,
                    signed.publisher
                ),
                Err(e) => {
                    failed = true;
                    eprintln!("{}", e.both());
                }
            }
        }
        Ok(if failed {
            ExitCode::FAILURE
        } else {
            ExitCode::SUCCESS
        })
    }
}
