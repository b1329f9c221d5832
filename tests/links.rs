//! End-to-end tests of linking: the user's ids kept, one text from two sources linked as exact copies,
//! copies and rewrites pointing at their family's earliest article, and a re-ingest changing nothing.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use common::{records as lines, run};

const BODY: &str = "Russian President Vladimir Putin and Belarusian leader Alexander Lukashenko discussed the migrant \
    crisis on the border with Poland by telephone on Tuesday, the Kremlin said.\\n\\nKremlin spokesman Dmitry Peskov \
    told reporters that about 2,000 migrants were camped near the Kuznica crossing. The European Union accused \
    Minsk of orchestrating the crisis in revenge for sanctions.\\n\\nWarsaw sent 15,000 soldiers to the frontier, \
    the Polish defence ministry said on Wednesday. Germany's interior minister Horst Seehofer called on the EU to \
    help Poland secure the border.";

const SPUN: &str = "Warsaw dispatched 15,000 troops to the frontier, the Polish defence ministry stated on Wednesday. \
    Vladimir Putin, the Russian president, and Alexander Lukashenko, the Belarusian chief, talked about the migrant \
    emergency at the border with Poland over the phone on Tuesday, the Kremlin stated.\\n\\nMoreover, Kremlin \
    representative Dmitry Peskov informed journalists that roughly 2,000 migrants were encamped close to the \
    Kuznica crossing. The European Union blamed Minsk for engineering the emergency as payback for sanctions.";

fn ingest(db: &Path, file: &Path) {
    let out = run(&[
        "ingest",
        file.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
        "-q",
        "--today",
        "2026-11-22",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn copies_are_linked_to_the_earliest_and_keep_the_users_ids() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let first = dir.path().join("first.jsonl");
    std::fs::write(
        &first,
        format!(
            "{{\"id\": 7, \"title\": \"Putin and Lukashenko discuss border\", \"published\": \"2021-11-10\", \"text\": \"{BODY}\"}}\n\
             {{\"id\": \"same-text\", \"title\": \"Border crisis\", \"published\": \"2021-11-10\", \"text\": \"{BODY}\"}}\n"
        ),
    )
    .unwrap();
    ingest(&db, &first);
    let out = run(&["extract", first.to_str().unwrap(), "-q", "--no-analysis"]);
    let recs = lines(&out.stdout);
    assert_eq!(recs[0]["external_id"], "7");
    assert_eq!(recs.len(), 2, "one text from two records is two articles");

    // Later: a spun rewrite, and the same story published a day earlier elsewhere.
    let later = dir.path().join("later.jsonl");
    std::fs::write(
        &later,
        format!(
            "{{\"id\": \"spun\", \"title\": \"Leaders talk\", \"published\": \"2021-11-11\", \"text\": \"{SPUN}\"}}\n\
             {{\"id\": \"wire\", \"title\": \"Wire\", \"published\": \"2021-11-09\", \"text\": \"Menu | News\\n\\n{BODY}\"}}\n"
        ),
    )
    .unwrap();
    ingest(&db, &later);
    ingest(&db, &later);
    let out = run(&["links", "--db", db.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let links = lines(&out.stdout);
    let got: Vec<(String, String, String)> = links
        .iter()
        .map(|l| {
            (
                l["article"]["external_id"].as_str().unwrap().to_string(),
                l["original"]["external_id"].as_str().unwrap().to_string(),
                l["kind"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got.iter().all(|(_, o, _)| o == "wire"),
        "the earliest is every copy's original: {got:?}"
    );
    assert!(
        got.contains(&("spun".into(), "wire".into(), "rewrite".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("same-text".into(), "wire".into(), "exact".into()))
            || got.contains(&("same-text".into(), "wire".into(), "copy".into())),
        "{got:?}"
    );
    let table = run(&["links", "--db", db.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&table.stdout).contains("rewrite"));

    // The Kremlin's words, carried by the wire and its copies, are one statement first reported by the wire.
    let out = run(&["statements", "--db", db.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let statements = lines(&out.stdout);
    assert!(!statements.is_empty());
    let first = &statements[0];
    assert!(first["reports"].as_array().unwrap().len() >= 3, "{first}");
    assert_eq!(first["reports"][0]["external_id"], "wire", "{first}");
}

#[test]
fn stories_group_reports_of_one_event_and_list_their_timelines() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    let input = dir.path().join("news.jsonl");
    let quake = |id: &str, day: &str, text: &str| {
        format!("{{\"id\": \"{id}\", \"title\": \"Earthquake strikes central Chile\", \"published\": \"{day}\", \"text\": \"{text}\"}}\n")
    };
    let mut news = String::new();
    news.push_str(&quake(
        "q1",
        "2010-02-27",
        "A magnitude 8.8 earthquake struck central Chile near Concepcion on Saturday, killing at least 122 people, \
         President Michelle Bachelet said. Buildings collapsed in Santiago and a tsunami warning was issued.",
    ));
    news.push_str(&quake(
        "q2",
        "2010-02-28",
        "The death toll from the magnitude 8.8 earthquake in central Chile rose to 708, President Michelle Bachelet \
         said on Sunday, as rescuers searched collapsed buildings in Concepcion and Santiago.",
    ));
    news.push_str(
        "{\"id\": \"r1\", \"title\": \"Tara Reid checks into rehab\", \"published\": \"2008-01-22\", \"text\": \
         \"The actress Tara Reid checked herself into Promises Treatment Center in Malibu, her representative Jack \
         Ketsoyan told People magazine on Tuesday.\"}\n",
    );
    std::fs::write(&input, news).unwrap();
    ingest(&db, &input);
    ingest(&db, &input);
    let out = run(&["stories", "--db", db.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stories = lines(&out.stdout);
    let members: Vec<Vec<String>> = stories
        .iter()
        .map(|s| {
            s["articles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a["external_id"].as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    assert_eq!(
        members,
        [vec!["q1".to_string(), "q2".to_string()], vec!["r1".to_string()]]
    );
    assert_eq!(stories[0]["first_seen"], "2010-02-27");
    let id = stories[0]["id"].as_u64().unwrap().to_string();
    let one = run(&["story", &id, "--db", db.to_str().unwrap()]);
    let shown = String::from_utf8_lossy(&one.stdout);
    assert!(shown.contains("first 2010-02-27"), "{shown}");
    // CSV for programs: a row per article with the user's ids, the story's first report marked; the
    // story's timeline adds its statements.
    let csv = run(&["stories", "--db", db.to_str().unwrap(), "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.stdout.as_slice());
    let header = reader.headers().unwrap().clone();
    assert_eq!(header.iter().take(3).collect::<Vec<_>>(), ["story", "label", "entry"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let ids: Vec<(&str, &str, &str)> = rows.iter().map(|r| (&r[2], &r[6], &r[11])).collect();
    assert_eq!(
        ids,
        [
            ("article", "q1", "true"),
            ("article", "q2", "false"),
            ("article", "r1", "true")
        ]
    );
    let one = run(&["story", &id, "--db", db.to_str().unwrap(), "--format", "csv"]);
    let timeline = String::from_utf8_lossy(&one.stdout);
    assert!(
        timeline.contains(",statement,") && timeline.contains("Michelle Bachelet"),
        "{timeline}"
    );
}

#[test]
fn records_told_apart_by_their_ids_stay_two_articles_and_a_repeated_id_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("live.jsonl");
    let url = "https://example.com/live/border";
    std::fs::write(
        &file,
        format!(
            "{{\"id\": \"v1\", \"url\": \"{url}\", \"title\": \"Border crisis\", \"text\": \"{BODY}\"}}\n\
             {{\"id\": \"v2\", \"url\": \"{url}\", \"title\": \"Border crisis, later\", \"text\": \"{SPUN}\"}}\n\
             {{\"id\": \"v1\", \"url\": \"{url}\", \"title\": \"Border crisis\", \"text\": \"{BODY}\"}}\n"
        ),
    )
    .unwrap();
    let out = run(&["extract", file.to_str().unwrap(), "--no-analysis"]);
    let recs = lines(&out.stdout);
    assert_eq!(recs.len(), 3);
    assert_ne!(recs[0]["id"], recs[1]["id"], "two ids, one URL: two articles");
    assert_eq!(recs[0]["id"], recs[2]["id"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("record 2: the same article as record 0"), "{stderr}");
    assert!(
        stderr.contains("1 the later version of an earlier record's article"),
        "{stderr}"
    );
    assert!(!stderr.contains("record 1: the same article"), "{stderr}");
}
