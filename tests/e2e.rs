//! End-to-end tests of the `dateline` binary: the seeds against their gold, the example corpus, the store,
//! stdin filtering, output formats, and every kind of bad input the issue names.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dateline"))
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    if p.join("corpus/seeds").is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared is not beside the repository");
        None
    }
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn records(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn norm(s: &str) -> String {
    let s = s.replace('\u{a0}', " ");
    let s: String = s
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' => '\'',
            c => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The seeds' records, extracted with a fixed "today"; the run must succeed.
fn extract_seeds(shared: &Path) -> Vec<Value> {
    let seeds = shared.join("corpus/seeds");
    let out = run(&["extract", seeds.to_str().unwrap(), "--today", "2026-11-22"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    records(&out.stdout)
}

fn base(path: &str) -> String {
    Path::new(path).file_name().unwrap().to_string_lossy().to_string()
}

/// The seed gold's quotations: most are found, each within a predicted quote's text, with the speaker the
/// gold names (same surname); none is invented from site chrome.
#[test]
fn seeds_quotes_are_found_with_their_speakers() {
    let Some(shared) = shared() else { return };
    let got = extract_seeds(&shared);
    let gold = std::fs::read_to_string(shared.join("gold/seeds/quotes.jsonl")).unwrap();
    let surname = |s: &str| norm(s).split_whitespace().last().unwrap_or("").to_lowercase();
    let (mut total, mut found) = (0, 0);
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let g: Value = serde_json::from_str(line).unwrap();
        total += 1;
        let doc = g["doc"].as_str().unwrap();
        let Some(article) = got.iter().find(|r| base(r["input"].as_str().unwrap()) == doc) else {
            continue;
        };
        let want = norm(g["quote"].as_str().unwrap());
        let words: Vec<&str> = want.split_whitespace().collect();
        let hit = article["quotes"].as_array().unwrap().iter().any(|q| {
            let text = norm(q["text"].as_str().unwrap_or(""));
            let inside = words.iter().filter(|w| text.contains(*w)).count();
            inside * 2 >= words.len()
                && surname(q["speaker"].as_str().unwrap_or("")) == surname(g["speaker"].as_str().unwrap_or(""))
        });
        found += usize::from(hit);
    }
    assert_eq!(total, 61);
    // Measured 49/61 with the scorer's cover rule; this looser word test must not fall below 45.
    assert!(found >= 45, "{found}/{total} seed quotes found with their speaker");
    for r in &got {
        for q in r["quotes"].as_array().unwrap() {
            let t = q["text"].as_str().unwrap().to_lowercase();
            assert!(
                !t.contains("cookie") && !t.contains("subscribe"),
                "quote from chrome: {t}"
            );
        }
    }
}

/// Ingested seeds answer "what did Peskov say" from the store, whatever spelling or title the text used.
#[test]
fn store_answers_quotes_by_speaker() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let seeds = shared.join("corpus/seeds");
    let out = run(&[
        "ingest",
        seeds.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--today",
        "2026-11-22",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let db = db.to_str().unwrap();
    let peskov = |form: &str| {
        let out = run(&["quotes", "--speaker", form, "--db", db, "--format", "jsonl"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{form}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        records(&out.stdout)
    };
    let got = peskov("dmitry peskov");
    assert!(got.len() >= 8, "{} quotations by Peskov", got.len());
    // Any form of the name finds him, and each quotation says where to find it.
    assert_eq!(peskov("Peskov").len(), got.len());
    assert_eq!(peskov("Mr Peskov").len(), got.len());
    assert_eq!(peskov("Песков").len(), got.len());
    for q in &got {
        assert_eq!(q["speaker"], "Dmitry Peskov");
        assert!(q["title"].is_string() && q["article"].is_string(), "{q}");
        let shown = run(&["article", q["article"].as_str().unwrap(), "--db", db]);
        assert_eq!(shown.status.code(), Some(0));
    }
    let words = run(&["quotes", "constant contact", "--db", db, "--format", "jsonl"]);
    assert!(records(&words.stdout).iter().any(|q| q["speaker"] == "Dmitry Peskov"));
    let out = run(&["quotes", "--speaker", "Nobody Atall", "--db", db]);
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no quotations by"));
    // Search: words, a phrase, a filter, the facets.
    let found = run(&["search", "Peskov", "--db", db, "--format", "jsonl"]);
    assert_eq!(found.status.code(), Some(0));
    assert!(records(&found.stdout).len() >= 3);
    let tass = run(&[
        "search",
        "\"border crisis\"",
        "--outlet",
        "TASS",
        "--db",
        db,
        "--format",
        "jsonl",
    ]);
    let tass = records(&tass.stdout);
    assert_eq!(tass.len(), 1);
    assert_eq!(tass[0]["outlet"], "TASS");
    let none = run(&["search", "zzzyzzx", "--db", db]);
    assert_eq!(none.status.code(), Some(4));
}

/// Every article-level statement of the seed gold: title, date, outlet, boilerplate gone, body bounds.
#[test]
fn seeds_meet_the_article_gold() {
    let Some(shared) = shared() else { return };
    let got = extract_seeds(&shared);
    assert_eq!(got.len(), 5);
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(shared.join("gold/seeds/articles.json")).unwrap()).unwrap();
    let mut failures = Vec::new();
    for (name, g) in gold.as_object().unwrap().iter().filter(|(k, _)| !k.starts_with('_')) {
        let p = got
            .iter()
            .find(|r| base(r["input"].as_str().unwrap()) == *name)
            .unwrap();
        let text = norm(p["text"].as_str().unwrap());
        let s = |v: &Value| v.as_str().map(norm).unwrap_or_default();
        if s(&p["title"]) != s(&g["title"]) {
            failures.push(format!("{name}: title {:?}", p["title"]));
        }
        let want = g["published"].as_str().unwrap_or("");
        let want = if want.contains('T') {
            want.trim_end_matches(":00")
        } else {
            want
        };
        let published = p["published"].as_str().unwrap_or("");
        if !(if want.is_empty() {
            published.is_empty()
        } else {
            published.starts_with(want)
        }) {
            failures.push(format!("{name}: published {published:?}, want {want:?}"));
        }
        if s(&p["outlet"]).to_lowercase() != s(&g["outlet"]).to_lowercase() {
            failures.push(format!("{name}: outlet {:?}", p["outlet"]));
        }
        for b in g["boilerplate"].as_array().unwrap() {
            let b = s(b);
            let as_line = p["text"].as_str().unwrap().lines().any(|l| norm(l) == b);
            if as_line || (b.len() >= 12 && text.contains(&b)) {
                failures.push(format!("{name}: boilerplate left {b:?}"));
            }
        }
        if !text.starts_with(&s(&g["body_first"])) {
            failures.push(format!("{name}: body starts {:?}", &text[..60.min(text.len())]));
        }
        if !text.ends_with(&s(&g["body_last"])) {
            failures.push(format!("{name}: body ends wrong"));
        }
        if let Some(place) = g["dateline_place"].as_str() {
            assert_eq!(p["dateline"].as_str(), Some(place), "{name}");
        }
        assert_eq!(p["language"].as_str(), g["language"].as_str(), "{name}");
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The independent scorer agrees: no article-level check of `score.py seeds` fails, and of the entity
/// checks only the two known misses may (`Central Election Commission of Belarus`, which the text calls
/// "of the country", and `The Economist` after a lower-case "the").
#[test]
fn seeds_pass_the_scorer_article_checks() {
    let Some(shared) = shared() else { return };
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("seeds.jsonl");
    let out = run(&[
        "extract",
        shared.join("corpus/seeds").to_str().unwrap(),
        "-o",
        jsonl.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let Ok(score) = Command::new("python3")
        .arg(shared.join("bench/score.py"))
        .arg("seeds")
        .arg(&jsonl)
        .output()
    else {
        eprintln!("skipped: python3 not found");
        return;
    };
    let report = String::from_utf8_lossy(&score.stdout);
    assert!(report.contains("seed checks passed"), "{report}");
    let article_fails: Vec<&str> = report
        .lines()
        .filter(|l| {
            l.starts_with("FAIL") && !l.contains("entity") && !l.contains(" form ") && !l.contains("several names")
        })
        .collect();
    assert!(article_fails.is_empty(), "{article_fails:#?}");
    let entity_fails: Vec<&str> = report
        .lines()
        .filter(|l| l.starts_with("FAIL") && !article_fails.contains(l))
        .filter(|l| !l.contains("quote"))
        .collect();
    assert!(entity_fails.len() <= 2, "{entity_fails:#?}");
}

/// Who is who in the seeds: one entity per person whatever the spelling, title or description, one name
/// across documents, gazetteer names for places, and the store finds an entity by any of its forms.
#[test]
fn seeds_entities_are_resolved_within_and_across_documents() {
    let Some(shared) = shared() else { return };
    let got = extract_seeds(&shared);
    let find = |doc: &str, name: &str| -> Value {
        let article = got
            .iter()
            .find(|r| base(r["input"].as_str().unwrap()).starts_with(doc))
            .unwrap();
        article["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == name)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let forms = |e: &Value| -> Vec<String> {
        e["mentions"].as_array().map_or(vec![], |m| {
            m.iter().map(|m| m["text"].as_str().unwrap().to_string()).collect()
        })
    };
    let volfovich = find("003", "Alexander Volfovich");
    assert!(forms(&volfovich).contains(&"Wolfowicz".to_string()), "{volfovich}");
    let peskov = find("000", "Dmitry Peskov");
    assert!(
        forms(&peskov).contains(&"the Kremlin press secretary".to_string()),
        "{peskov}"
    );
    assert_eq!(find("001", "Dmitry Peskov")["id"], peskov["id"]);
    assert!(forms(&find("001", "Vladimir Putin"))
        .iter()
        .any(|f| f == "Russian President Vladimir V."));
    assert_eq!(forms(&find("002", "Kyiv")), ["Kiev"]);
    assert_eq!(find("002", "Jens Stoltenberg")["type"], "person");
    assert!(forms(&find("002", "Jens Stoltenberg")).contains(&"The NATO chief".to_string()));
    assert_eq!(find("003", "Kremlin")["type"], "organization");
    assert!(find("000", "Belarus")["demonyms"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d == "Belarusian"));

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let out = run(&[
        "ingest",
        shared.join("corpus/seeds").to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let out = run(&["entities", "wolfowicz", "--db", db.to_str().unwrap(), "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let listed = records(&out.stdout);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["name"], "Alexander Volfovich");
    // Looked up by a name: its forms, its roles and the articles naming it, newest first.
    let out = run(&["entities", "Peskov", "--db", db.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0));
    let peskov = &records(&out.stdout)[0];
    assert_eq!(peskov["name"], "Dmitry Peskov");
    let has = |key: &str, want: &str| {
        peskov[key]
            .as_array()
            .unwrap()
            .iter()
            .any(|pair| pair[0].as_str().is_some_and(|s| s.eq_ignore_ascii_case(want)))
    };
    assert!(
        has("aliases", "Mr Peskov") && has("roles", "Kremlin spokesman"),
        "{peskov}"
    );
    let days: Vec<&str> = peskov["in_articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["published"].as_str())
        .collect();
    assert_eq!(days.first(), Some(&"2025-01-16"), "{peskov}");
    assert!(days.windows(2).all(|w| w[0] >= w[1]));
    let out = run(&["entities", "Nobody Atall", "--db", db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(4));
}

#[test]
fn example_corpus_gives_every_format() {
    let out = run(&["extract", root().join("examples/corpus").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let got = records(&out.stdout);
    let inputs: Vec<String> = got.iter().map(|r| base(r["input"].as_str().unwrap())).collect();
    assert_eq!(
        inputs,
        [
            "council-bridge.html",
            "feed.xml",
            "harbour-storm.txt",
            "port.warc.gz",
            "port.warc.gz"
        ]
    );
    let by = |i: usize, k: &str| got[i][k].as_str().unwrap_or("").to_string();
    assert_eq!(by(0, "outlet"), "Valley Courier");
    assert_eq!(by(1, "outlet"), "Northern Wire");
    assert_eq!(by(2, "dateline"), "Kestrel Bay");
    assert_eq!(by(3, "published"), "2023-11-18");
    assert!(by(4, "text").starts_with("Паромная переправа"), "windows-1251 decoded");
    assert_eq!(by(4, "language"), "ru");
    assert!(got[3]["provenance"]["record_id"]
        .as_str()
        .unwrap()
        .starts_with("urn:uuid:"));
    for r in &got {
        assert_eq!(r["schema_version"], 4);
        assert_eq!(r["id"].as_str().unwrap().len(), 32);
    }
}

#[test]
fn ingest_is_idempotent_and_stats_report_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let corpus = root().join("examples/corpus");
    for _ in 0..2 {
        let out = run(&["ingest", corpus.to_str().unwrap(), "--db", db.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let out = run(&["stats", "--db", db.to_str().unwrap(), "--json"]);
    let st: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(st["articles"], 5);
    assert_eq!(st["links"], 1);
    assert_eq!(st["problems"], 0);
    let missing = run(&["stats", "--db", dir.path().join("none").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2));
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

const GOOD: &str = "Ferry timetable changes\n\nThe ferry operator said on Monday that winter sailings would start a week early this year, citing fuel costs.\n";

fn warc_record(uri: &str, html: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    format!("WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2023-01-02T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n", http.len()).into_bytes()
}

/// A folder of every kind of bad input beside good ones: the run goes on, each bad record is reported with
/// file and reason, the good ones come out, and the exit code says "partial".
#[test]
fn bad_inputs_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("a-good.txt"), GOOD).unwrap();
    std::fs::write(d.join("b-empty.txt"), b"").unwrap();
    std::fs::write(
        d.join("c-junk.bin"),
        (0..4096u32).map(|i| (i * 7 % 256) as u8).collect::<Vec<_>>(),
    )
    .unwrap();
    let mut cut = gz(GOOD.repeat(50).as_bytes());
    cut.truncate(cut.len() / 2);
    std::fs::write(d.join("d-truncated.txt.gz"), cut).unwrap();
    let page = "<html><body><p>The harbour reopened on Tuesday after a week of repairs to the outer wall, officials said, and ferries resumed.</p><p>More work is planned for the spring, when the weather improves and crews are free again.</p></body></html>";
    let mut warc = warc_record("http://x.example/1", page);
    let second = warc_record("http://x.example/2", page);
    warc.extend_from_slice(&second[..second.len() / 2]);
    std::fs::write(d.join("e-truncated.warc"), &warc).unwrap();
    std::fs::write(d.join("f-latin1.txt"), b"Caf\xe9 owners protest\n\nCaf\xe9 owners in the old town protested on Friday against the new terrace tax, which they say doubles their costs.\n").unwrap();
    std::fs::write(d.join("g-malformed.html"), "<html><body><div><p>Unclosed <b>tags <<< >>> everywhere, yet the council said on Friday the market would open on Sunday as planned.<p>Traders welcomed the decision and said stalls would be ready before dawn.</table></span>").unwrap();
    std::fs::write(d.join("h-bad.jsonl"), "{\"text\": \"Ferry news\\n\\nThe ferry operator said on Monday that winter sailings would start a week early.\"}\n{not json\n").unwrap();

    let errors = d.join("errors.jsonl");
    let out = run(&["extract", d.to_str().unwrap(), "--errors", errors.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "partial success: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = records(&out.stdout);
    let names: Vec<String> = got.iter().map(|r| base(r["input"].as_str().unwrap())).collect();
    assert_eq!(
        names,
        [
            "a-good.txt",
            "d-truncated.txt.gz",
            "e-truncated.warc",
            "f-latin1.txt",
            "g-malformed.html",
            "h-bad.jsonl"
        ],
        "{got:#?}"
    );
    assert!(
        got[3]["text"].as_str().unwrap().starts_with("Café owners"),
        "latin-1 detected"
    );
    let problems = records(&std::fs::read(&errors).unwrap());
    let reason = |file: &str| -> String {
        problems
            .iter()
            .find(|p| p["provenance"]["input"].as_str().unwrap().ends_with(file))
            .map(|p| p["reason"].as_str().unwrap().to_string())
            .unwrap_or_else(|| panic!("no problem reported for {file}: {problems:#?}"))
    };
    assert!(reason("b-empty.txt").contains("empty"));
    assert!(reason("c-junk.bin").contains("binary"));
    assert!(reason("d-truncated.txt.gz").contains("truncated") || reason("d-truncated.txt.gz").contains("gzip"));
    assert!(reason("e-truncated.warc").contains("truncated"));
    assert!(reason("h-bad.jsonl").contains("JSON"));
    let warc_problem = problems
        .iter()
        .find(|p| p["provenance"]["input"].as_str().unwrap().ends_with(".warc"))
        .unwrap();
    assert_eq!(warc_problem["provenance"]["record"], 1);
    assert!(warc_problem["provenance"]["offset"].as_u64().unwrap() > 0);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("c-junk.bin"),
        "problems are reported on stderr too: {stderr}"
    );

    // The same folder into the store: the good articles are kept, the problems recorded.
    let db = d.join("db");
    let out = run(&[
        "ingest",
        d.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "--allow-bad",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let st: Value = serde_json::from_slice(&run(&["stats", "--db", db.to_str().unwrap(), "--json"]).stdout).unwrap();
    assert_eq!(st["articles"], 6);
    assert!(st["problems"].as_u64().unwrap() >= 5);
}

/// A file over the record limit is reported without reading it all into memory; a 200 MB file with the
/// default limit is refused the same way while its neighbours are still extracted.
#[test]
fn huge_files_are_refused_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let mut f = std::fs::File::create(&big).unwrap();
    let chunk = "Lorem ipsum dolor sit amet, the ferry operator said on Monday.\n".repeat(16_000);
    while f.metadata().unwrap().len() < 200 * 1024 * 1024 {
        f.write_all(chunk.as_bytes()).unwrap();
    }
    drop(f);
    std::fs::write(dir.path().join("small.txt"), GOOD).unwrap();
    let out = run(&["extract", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(records(&out.stdout).len(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("limit"));
}

#[test]
fn stdin_jsonl_filter_streams_one_line_per_record() {
    let mut child = bin()
        .args(["extract", "-", "--allow-bad", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = "{\"url\": \"http://a.example/1\", \"text\": \"Ferry news\\n\\nThe ferry operator said on Monday that winter sailings would start early.\"}\n\
                 {\"url\": \"http://a.example/2\", \"html\": \"<p>The council said on Friday that the market would open on Sunday as planned, with forty stalls.</p>\", \"published\": \"2023-05-05\"}\n\
                 {\"oops\": 1}\n";
    child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let got = records(&out.stdout);
    assert_eq!(got.len(), 2);
    assert_eq!(got[0]["url"], "http://a.example/1");
    assert_eq!(got[1]["published"], "2023-05-05");
    assert!(String::from_utf8_lossy(&out.stderr).contains("record 2"));
}

#[test]
fn csv_and_json_outputs_parse() {
    let corpus = root().join("examples/corpus");
    let out = run(&["extract", corpus.to_str().unwrap(), "--format", "json", "-q"]);
    let all: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(all.as_array().unwrap().len(), 5);
    let out = run(&["extract", corpus.to_str().unwrap(), "--format", "csv", "-q"]);
    let mut rdr = csv::Reader::from_reader(out.stdout.as_slice());
    assert_eq!(rdr.headers().unwrap().get(4), Some("title"));
    assert_eq!(rdr.records().count(), 5);
}

#[test]
fn output_dash_is_stdout() {
    let corpus = root().join("examples/corpus");
    let dir = std::env::temp_dir().join(format!("dateline-dash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = bin()
        .current_dir(&dir)
        .args(["extract", corpus.to_str().unwrap(), "-q", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(records(&out.stdout).len(), 5);
    assert!(!dir.join("-").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["extract"]).status.code(), Some(2));
    assert_eq!(run(&["extract", "x", "--input-format", "pdf"]).status.code(), Some(2));
    assert_eq!(run(&["nonsense"]).status.code(), Some(2));
    let out = run(&["extract", "/no/such/path"]);
    assert_eq!(out.status.code(), Some(4), "nothing extracted");
}
