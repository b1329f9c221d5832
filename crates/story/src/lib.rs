//! Dateline's story stage: articles grouped into stories (one event or development) as they arrive.
//!
//! Each article becomes a TF-IDF vector over its headline and body words (headline words and names weigh
//! more: they say what happened and to whom), with document frequencies counted over the articles seen so
//! far; while the store is young, the vectors held are weighed again each time that count doubles, so that
//! which articles came first does not decide the stories. An article is linked to its few nearest articles (cosine, among those sharing its strongest terms;
//! where both are dated, closeness fades slowly with the days between them, and reports two years apart are
//! never linked: two earthquakes years apart are two stories even in the same words), and each earlier article keeps its own few nearest, so the links form a
//! nearest-neighbour graph of the articles held. Stories are the communities of that graph by the constant
//! Potts model ([`cpm`]): when a batch of articles has been added, [`Stories::settle`] partitions again the
//! parts of the graph they touched, and each new community keeps the id of the story most of its articles
//! were in. An article may so move to another story as later articles show how the reports group — two
//! threads that turn out to be one story merge, a story that turns out to be two splits.
//!
//! A nearest-neighbour graph separates events of one kind better than a story's summed vector does: on
//! ECB+ (two events for each topic: two celebrities' rehab stays, two earthquakes) an article's nearest
//! article is of its own event 98 times in 100, while single-pass clustering against story vectors puts
//! one article in seven with the other event.
//!
//! ```
//! use dateline_story::Stories;
//! let mut s = Stories::default();
//! s.add("a", "Quake hits Chile", "A magnitude 8.8 earthquake struck central Chile on Saturday, killing hundreds.", None);
//! s.add("b", "Chile quake toll rises", "The death toll from the earthquake in central Chile rose to 700.", None);
//! s.add("c", "Tara Reid enters rehab", "The actress Tara Reid checked into Promises Treatment Center in Malibu.", None);
//! s.settle();
//! assert_eq!(s.story_of("a"), s.story_of("b"));
//! assert_ne!(s.story_of("a"), s.story_of("c"));
//! ```

mod cpm;
mod terms;

use std::collections::{HashMap, HashSet, VecDeque};

use serde::{Deserialize, Serialize};

use crate::terms::terms;

/// How the graph is made and cut: its defaults were chosen on the odd topics of ECB+ dev
/// (`examples/ecb.rs`) and checked on the even ones.
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
pub struct Params {
    /// Nearest articles each article is linked to.
    pub neighbours: usize,
    /// Least closeness (cosine, faded by days apart) of a link.
    pub min_link: f32,
    /// What a pair of articles put in one story costs ([`cpm`]): a story holds together where its links
    /// outweigh this for every pair it makes.
    pub gamma: f32,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            neighbours: 3,
            min_link: 0.1,
            gamma: 0.02,
        }
    }
}
/// Strongest terms of an article kept in its vector.
const TERMS: usize = 80;
/// Terms of an article that look for candidate neighbours.
const PROBES: usize = 15;
/// Latest articles holding a probe term that are looked at (a word common to many articles would otherwise
/// make every article compare with all of them).
const PROBE_REACH: usize = 200;
/// Candidate neighbours compared in full: those sharing the most probe terms.
const CANDIDATES: usize = 100;
/// Documents assumed seen before the first, none holding any word (IDF smoothing).
const PRIOR_DOCS: f32 = 50.0;
/// Days over which closeness halves when both sides are dated, past [`GRACE_DAYS`]: a story runs over
/// weeks and months (a cable cut and the repairs, an arrest and the charges), so time only weakens a link
/// gently; what keeps recurring events apart is the repulsion past [`REPEL_DAYS`]. (On ECB+ through ingest,
/// with the dates its texts state: half-lives of 7 and 30 days split its stories, 0.916; 90 days 0.921–0.930;
/// 365 days 0.922–0.934.)
const HALF_LIFE_DAYS: f32 = 365.0;
/// Days apart that cost nothing: a story is reported over several days.
const GRACE_DAYS: f32 = 3.0;
/// How strongly two dated articles [`REPEL_DAYS`] or more apart keep out of one story when an article links
/// both (an undated one, or one between them): the weight of a repelling link between them.
const REPEL: f32 = 0.5;
/// Days apart past which two dated articles repel: a story may be reported over months and a trial may come
/// two years after the crime (ECB+ has such stories), but reports further apart that only an undated
/// article links are two events.
const REPEL_DAYS: i64 = 730;
/// Documents counted at the first weighing again of the vectors held ([`Stories::reweigh`]); again each
/// time the count doubles, up to [`REWEIGH_UNTIL`].
const REWEIGH_FROM: u32 = 32;
/// Documents past which the vectors are no longer weighed again: document frequencies counted over this
/// many articles change little as more come.
const REWEIGH_UNTIL: u32 = 8192;
/// The weight of the link between a copy and its original: more than any closeness, so that no story
/// parts them.
const COPY_LINK: f32 = 1.0;
/// Most articles partitioned again at once: past this, a settle works on the region around what changed
/// (the stories of the changed articles and of their neighbours), the rest of a large connected part
/// staying as it is.
const REGION_CAP: usize = 5_000;

/// One article the clustering holds.
#[derive(Serialize, Deserialize)]
struct Node {
    /// The article's id.
    id: String,
    /// Unit TF-IDF vector of its strongest terms, by term number.
    vec: Vec<(u32, f32)>,
    /// Its day (a day number), when dated.
    day: Option<i64>,
    /// Its nearest articles (node, closeness), closest first.
    near: Vec<(u32, f32)>,
    /// Its story, once settled.
    story: Option<u64>,
    /// The node of the article it is a copy of: it goes where that one goes.
    copy_of: Option<u32>,
    /// Its terms by number with their raw weights, kept while the vectors are still to be weighed again
    /// ([`REWEIGH_UNTIL`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    counts: Vec<(u32, f32)>,
}

/// The articles held, their links and stories, and the document frequencies of their words: the whole state
/// of the clustering, which a store keeps between ingests ([`Stories::to_json`]).
#[derive(Serialize, Deserialize)]
pub struct Stories {
    #[serde(default)]
    params: Params,
    /// Terms by number.
    vocab: Vec<String>,
    /// Documents holding each term.
    df: Vec<u32>,
    docs: u32,
    nodes: Vec<Node>,
    /// The next new story's id.
    next_story: u64,
    /// Term numbers, by term.
    #[serde(skip)]
    lookup: HashMap<String, u32>,
    /// Nodes by article id.
    #[serde(skip)]
    by_id: HashMap<String, u32>,
    /// Term number → nodes whose vectors hold it, in order.
    #[serde(skip)]
    postings: HashMap<u32, Vec<u32>>,
    /// Nodes added, or whose links changed, since the last settle.
    #[serde(skip)]
    dirty: Vec<u32>,
    /// Documents counted when the vectors were last weighed again ([`REWEIGH_UNTIL`]).
    #[serde(default)]
    weighed_at: u32,
}

/// What a settle changed: articles now in another story (or in one for the first time), and the labels of
/// the stories they are in.
#[derive(Debug, Default)]
pub struct Settled {
    /// (article id, story id).
    pub moved: Vec<(String, u64)>,
    /// (story id, its strongest terms joined by commas).
    pub labels: Vec<(u64, String)>,
}

/// How much closeness is left between two articles `gap` days apart: none [`REPEL_DAYS`] or more apart.
fn time_factor(gap: i64) -> f32 {
    if gap.abs() >= REPEL_DAYS {
        return 0.0;
    }
    0.5f32.powf((gap.abs() as f32 - GRACE_DAYS).max(0.0) / HALF_LIFE_DAYS)
}

/// Links closest first, then by node.
fn closest_first(a: &(u32, f32), b: &(u32, f32)) -> std::cmp::Ordering {
    b.1.total_cmp(&a.1).then(a.0.cmp(&b.0))
}

/// Cosine of two unit vectors sorted by term number.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

impl Default for Stories {
    fn default() -> Stories {
        Stories::with_params(Params::default())
    }
}

impl Stories {
    /// A clustering that makes and cuts its graph as `params` say.
    pub fn with_params(params: Params) -> Stories {
        Stories {
            params,
            vocab: Vec::new(),
            df: Vec::new(),
            docs: 0,
            nodes: Vec::new(),
            next_story: 0,
            lookup: HashMap::new(),
            by_id: HashMap::new(),
            postings: HashMap::new(),
            dirty: Vec::new(),
            weighed_at: 0,
        }
    }

    /// How many articles it holds.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Whether it holds the article `id`.
    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    /// The story of article `id`, once settled.
    pub fn story_of(&self, id: &str) -> Option<u64> {
        self.by_id.get(id).and_then(|&n| self.nodes[n as usize].story)
    }

    /// Makes new stories' ids start at `next` or later (a store's stories made before this state).
    pub fn ids_from(&mut self, next: u64) {
        self.next_story = self.next_story.max(next);
    }

    /// Adds an article (its day as a day number, when dated), linked to its nearest articles; its story is
    /// given by the next [`Stories::settle`]. An id held already changes nothing.
    pub fn add(&mut self, id: &str, title: &str, text: &str, day: Option<i64>) {
        if !self.contains(id) {
            self.insert(id, (title, text, day), None);
        }
    }

    /// Adds a copy of article `original` (its own words, day): it goes in its original's story, or, when that
    /// one is not held, in `story` (the original's story as a store has it) or a story of its own. A copy of
    /// a held article is linked by its words like any other (a copy's words tie its original's story
    /// together), and to its original by a link no story cuts.
    pub fn add_copy(&mut self, id: &str, words: (&str, &str, Option<i64>), original: &str, story: Option<u64>) {
        if self.contains(id) {
            return;
        }
        match self.by_id.get(original).copied() {
            Some(o) => self.insert(id, words, Some(o)),
            // Without its original, a copy has nothing to go with but the story it is given.
            None => self.push(Node {
                id: id.to_string(),
                vec: Vec::new(),
                day: None,
                near: Vec::new(),
                story,
                copy_of: None,
                counts: Vec::new(),
            }),
        }
    }

    /// Adds an article by its words, linked to its nearest articles (and a copy to its original).
    fn insert(&mut self, id: &str, (title, text, day): (&str, &str, Option<i64>), copy_of: Option<u32>) {
        let counts = self.count(title, text);
        let vec = self.weigh(&counts);
        let me = self.nodes.len() as u32;
        let near = self.link(me, &vec, day);
        for &(t, _) in &vec {
            self.postings.entry(t).or_default().push(me);
        }
        let reweigh = self.next_reweigh();
        self.push(Node {
            id: id.to_string(),
            vec,
            day,
            near,
            story: None,
            copy_of,
            counts: if reweigh.is_some() { counts } else { Vec::new() },
        });
        if reweigh.is_some_and(|at| self.docs >= at) {
            self.reweigh();
        }
    }

    /// When the held vectors are next weighed again: when the documents counted reach twice what they were
    /// at the last weighing, from [`REWEIGH_FROM`] to [`REWEIGH_UNTIL`]; `None` past that.
    fn next_reweigh(&self) -> Option<u32> {
        let at = REWEIGH_FROM.max(self.weighed_at.saturating_mul(2));
        (at <= REWEIGH_UNTIL && self.docs <= REWEIGH_UNTIL).then_some(at)
    }

    /// Weighs every held vector again by the document frequencies counted now and links all articles anew
    /// (each to its nearest among those before it, as they came), to be partitioned again at the next settle.
    /// A young clustering's first vectors were weighed by a handful of documents, in which every word is
    /// rare: left so, they link the first articles by their common words, and which articles came first
    /// would decide the stories (on ECB+ the same texts scored 0.944 in one order and 0.958 in another; with
    /// the frequencies of all of them, 0.952 in both).
    fn reweigh(&mut self) {
        self.weighed_at = self.docs;
        let keep = self.next_reweigh().is_some();
        for i in 0..self.nodes.len() {
            if !self.nodes[i].counts.is_empty() {
                self.nodes[i].vec = self.weigh(&self.nodes[i].counts);
            }
            if !keep {
                self.nodes[i].counts = Vec::new();
            }
            self.nodes[i].near.clear();
        }
        self.postings.clear();
        for i in 0..self.nodes.len() {
            let me = i as u32;
            let vec = std::mem::take(&mut self.nodes[i].vec);
            let near = self.link(me, &vec, self.nodes[i].day);
            for &(t, _) in &vec {
                self.postings.entry(t).or_default().push(me);
            }
            self.nodes[i].vec = vec;
            self.nodes[i].near = near;
        }
        self.dirty.extend(0..self.nodes.len() as u32);
    }

    fn push(&mut self, node: Node) {
        let me = self.nodes.len() as u32;
        self.by_id.insert(node.id.clone(), me);
        self.nodes.push(node);
        self.dirty.push(me);
    }

    /// The nearest held articles of a new one (node `me`), each of which also takes the new one among its
    /// own nearest when it is nearer than one of them.
    fn link(&mut self, me: u32, vec: &[(u32, f32)], day: Option<i64>) -> Vec<(u32, f32)> {
        let mut probes: Vec<&(u32, f32)> = vec.iter().collect();
        probes.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for &&(t, _) in probes.iter().take(PROBES) {
            if let Some(list) = self.postings.get(&t) {
                for &c in list.iter().rev().take(PROBE_REACH) {
                    *shared.entry(c).or_default() += 1;
                }
            }
        }
        let mut ranked: Vec<(u32, u32)> = shared.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        ranked.truncate(CANDIDATES);
        let mut near: Vec<(u32, f32)> = Vec::new();
        for (c, _) in ranked {
            let other = &self.nodes[c as usize];
            let mut w = dot(vec, &other.vec);
            if let (Some(a), Some(b)) = (day, other.day) {
                w *= time_factor(a - b);
            }
            if w < self.params.min_link {
                continue;
            }
            near.push((c, w));
            let theirs = &mut self.nodes[c as usize].near;
            let k = self.params.neighbours;
            if theirs.len() < k || theirs.last().is_some_and(|l| w > l.1) {
                theirs.push((me, w));
                theirs.sort_by(closest_first);
                theirs.truncate(k);
                self.dirty.push(c);
            }
        }
        near.sort_by(closest_first);
        near.truncate(self.params.neighbours);
        near
    }

    /// An article's terms by number with their raw weights (counting it in the document frequencies).
    fn count(&mut self, title: &str, text: &str) -> Vec<(u32, f32)> {
        let mut raw: Vec<(String, f32)> = terms(title, text).into_iter().collect();
        // New terms are numbered in the order of their words, not of a hash map's.
        raw.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.docs += 1;
        let mut numbered: Vec<(u32, f32)> = Vec::with_capacity(raw.len());
        for (t, c) in raw {
            let n = match self.lookup.get(&t) {
                Some(&n) => n,
                None => {
                    let n = self.vocab.len() as u32;
                    self.lookup.insert(t.clone(), n);
                    self.vocab.push(t);
                    self.df.push(0);
                    n
                }
            };
            self.df[n as usize] += 1;
            numbered.push((n, c));
        }
        numbered
    }

    /// The unit TF-IDF vector of an article's strongest terms by the document frequencies counted so far,
    /// sorted by term number.
    fn weigh(&self, counts: &[(u32, f32)]) -> Vec<(u32, f32)> {
        let docs = self.docs as f32;
        let mut vec: Vec<(u32, f32)> = counts
            .iter()
            .map(|&(t, c)| {
                let df = self.df[t as usize].max(1) as f32;
                // Smoothed with PRIOR_DOCS documents that hold none of the words, so that the first articles
                // of a store do not find every shared word common.
                (t, (1.0 + c.ln()) * ((docs + PRIOR_DOCS + 1.0) / df).ln())
            })
            .filter(|(_, w)| *w > 0.0)
            .collect();
        vec.sort_by(|a, b| self.strongest_first(a, b));
        vec.truncate(TERMS);
        let len = vec.iter().map(|(_, w)| w * w).sum::<f32>().sqrt().max(1e-6);
        for (_, w) in &mut vec {
            *w /= len;
        }
        vec.sort_unstable_by_key(|e| e.0);
        vec
    }

    /// Gives the articles added since the last settle their stories: the parts of the graph they touched
    /// are partitioned again, and each community keeps the id of the story most of its articles were in
    /// when it holds more than half of that story, else takes a new one. Returns the articles whose story
    /// changed, with the labels of their stories.
    pub fn settle(&mut self) -> Settled {
        let mut dirty = std::mem::take(&mut self.dirty);
        dirty.sort_unstable();
        dirty.dedup();
        if dirty.is_empty() {
            return Settled::default();
        }
        let n = self.nodes.len();
        // The links, both ways, once each.
        let mut adj: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
        for (a, node) in self.nodes.iter().enumerate() {
            let copy = node.copy_of.map(|o| (o, COPY_LINK));
            for &(b, w) in node.near.iter().chain(copy.iter()) {
                adj[a].push((b, w));
                adj[b as usize].push((a as u32, w));
            }
        }
        for list in &mut adj {
            list.sort_by(|x, y| x.0.cmp(&y.0).then(y.1.total_cmp(&x.1)));
            list.dedup_by_key(|e| e.0);
        }
        let before: Vec<Option<u64>> = self.nodes.iter().map(|n| n.story).collect();
        let mut held: HashMap<u64, usize> = HashMap::new();
        for s in before.iter().flatten() {
            *held.entry(*s).or_default() += 1;
        }
        let mut done = vec![false; n];
        for &start in &dirty {
            if done[start as usize] {
                continue;
            }
            let part = self.region(start, &adj, &dirty, &mut done);
            self.partition(&part, &adj, (&before, &held));
        }
        // Copies go where their originals went.
        for i in 0..n {
            if let Some(o) = self.nodes[i].copy_of {
                self.nodes[i].story = self.nodes[o as usize].story;
            }
        }
        let mut moved = Vec::new();
        let mut changed: HashSet<u64> = HashSet::new();
        for (i, node) in self.nodes.iter().enumerate() {
            if let Some(s) = node.story {
                if before[i] != Some(s) {
                    moved.push((node.id.clone(), s));
                    changed.insert(s);
                }
            }
        }
        let labels = self.labels(&changed);
        Settled { moved, labels }
    }

    /// The connected part of the graph around node `start`, or, past [`REGION_CAP`], the region around what
    /// changed in it: the nodes that changed, their neighbours, and every node of their stories.
    fn region(&self, start: u32, adj: &[Vec<(u32, f32)>], dirty: &[u32], done: &mut [bool]) -> Vec<u32> {
        let mut part = vec![start];
        let mut queue = VecDeque::from([start]);
        done[start as usize] = true;
        while let Some(a) = queue.pop_front() {
            for &(b, _) in &adj[a as usize] {
                if !done[b as usize] {
                    done[b as usize] = true;
                    part.push(b);
                    queue.push_back(b);
                }
            }
        }
        if part.len() <= REGION_CAP {
            part.sort_unstable();
            return part;
        }
        let inside: HashSet<u32> = part.iter().copied().collect();
        let mut seeds: HashSet<u32> = HashSet::new();
        for &d in dirty.iter().filter(|d| inside.contains(d)) {
            seeds.insert(d);
            seeds.extend(adj[d as usize].iter().map(|e| e.0));
        }
        let stories: HashSet<u64> = seeds.iter().filter_map(|&s| self.nodes[s as usize].story).collect();
        let mut region: Vec<u32> = part
            .into_iter()
            .filter(|p| seeds.contains(p) || self.nodes[*p as usize].story.is_some_and(|s| stories.contains(&s)))
            .collect();
        region.sort_unstable();
        region.truncate(REGION_CAP);
        region
    }

    /// Partitions the nodes `part` (sorted) anew and gives each community a story id: the story most of its
    /// articles were in before the settle (`before`, by node), when it holds more than half of that story's
    /// articles (`held`, by story), else a new one. No two communities of one settle, in one part of the
    /// graph or in two, can so keep the same story's id: a story whose articles the settle parts keeps its id
    /// for its larger part at most.
    fn partition(
        &mut self,
        part: &[u32],
        adj: &[Vec<(u32, f32)>],
        (before, held): (&[Option<u64>], &HashMap<u64, usize>),
    ) {
        let index: HashMap<u32, u32> = part.iter().enumerate().map(|(i, &p)| (p, i as u32)).collect();
        let mut edges = Vec::new();
        for (i, &p) in part.iter().enumerate() {
            for &(q, w) in &adj[p as usize] {
                if let Some(&j) = index.get(&q) {
                    if (i as u32) < j {
                        edges.push((i as u32, j, w));
                    }
                }
            }
        }
        // Dated articles two links apart but far apart in time repel: an undated article linked to reports
        // of two events years apart does not make them one story.
        let mut seen: HashSet<(u32, u32)> = edges.iter().map(|&(a, b, _)| (a, b)).collect();
        for (i, &p) in part.iter().enumerate() {
            let Some(day) = self.nodes[p as usize].day else {
                continue;
            };
            for &(q, _) in &adj[p as usize] {
                for &(r, _) in &adj[q as usize] {
                    let (Some(&j), Some(other)) = (index.get(&r), self.nodes[r as usize].day) else {
                        continue;
                    };
                    let (a, b) = ((i as u32).min(j), (i as u32).max(j));
                    if a != b && (day - other).abs() >= REPEL_DAYS && seen.insert((a, b)) {
                        edges.push((a, b, -REPEL));
                    }
                }
            }
        }
        let comm = cpm::communities(part.len(), &edges, self.params.gamma);
        let mut members: HashMap<u32, Vec<u32>> = HashMap::new();
        for (i, &c) in comm.iter().enumerate() {
            members.entry(c).or_default().push(part[i]);
        }
        let mut groups: Vec<Vec<u32>> = members.into_values().collect();
        // Equal communities choose their id by their first article (new ids are given in that order).
        groups.sort_by(|a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
        for group in groups {
            let mut votes: HashMap<u64, usize> = HashMap::new();
            for &m in &group {
                if let Some(s) = before[m as usize] {
                    *votes.entry(s).or_default() += 1;
                }
            }
            let mut ranked: Vec<(u64, usize)> = votes
                .into_iter()
                .filter(|(s, v)| 2 * v > held.get(s).copied().unwrap_or(0))
                .collect();
            ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            let id = match ranked.first() {
                Some(&(s, _)) => s,
                None => {
                    self.next_story += 1;
                    self.next_story - 1
                }
            };
            for m in group {
                self.nodes[m as usize].story = Some(id);
            }
        }
    }

    /// Terms strongest first, then by their words (not their numbers, which depend on what came first).
    fn strongest_first(&self, a: &(u32, f32), b: &(u32, f32)) -> std::cmp::Ordering {
        b.1.total_cmp(&a.1)
            .then(self.vocab[a.0 as usize].cmp(&self.vocab[b.0 as usize]))
    }

    /// The labels of stories: each one's strongest terms over the articles held.
    fn labels(&self, stories: &HashSet<u64>) -> Vec<(u64, String)> {
        let mut sums: HashMap<u64, HashMap<u32, f32>> = HashMap::new();
        for node in &self.nodes {
            if let Some(s) = node.story.filter(|s| stories.contains(s)) {
                let sum = sums.entry(s).or_default();
                for &(t, w) in &node.vec {
                    *sum.entry(t).or_default() += w;
                }
            }
        }
        let mut out: Vec<(u64, String)> = sums
            .into_iter()
            .map(|(s, sum)| {
                let mut terms: Vec<(u32, f32)> = sum.into_iter().collect();
                terms.sort_by(|a, b| self.strongest_first(a, b));
                let label: Vec<&str> = terms
                    .iter()
                    .take(4)
                    .map(|(t, _)| self.vocab[*t as usize].as_str())
                    .collect();
                (s, label.join(", "))
            })
            .collect();
        out.sort_by_key(|l| l.0);
        out
    }

    /// Keeps the `keep` latest articles only: older ones can no longer be linked to or moved (their stories
    /// stay as the store has them), which bounds the state whatever the corpus. Settle first.
    pub fn retain_recent(&mut self, keep: usize) {
        let from = self.nodes.len().saturating_sub(keep);
        if from == 0 {
            return;
        }
        let shift = |n: u32| (n as usize).checked_sub(from).map(|n| n as u32);
        let kept: Vec<Node> = self.nodes.drain(from..).collect();
        self.nodes = kept
            .into_iter()
            .map(|mut node| {
                node.near = node
                    .near
                    .iter()
                    .filter_map(|&(b, w)| shift(b).map(|b| (b, w)))
                    .collect();
                node.copy_of = node.copy_of.and_then(shift);
                node
            })
            .collect();
        self.dirty = self.dirty.iter().filter_map(|&d| shift(d)).collect();
        self.reindex();
    }

    /// Rebuilds what the state does not keep: term numbers, nodes by id, postings.
    fn reindex(&mut self) {
        self.lookup = self
            .vocab
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        self.by_id = self
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.clone(), i as u32))
            .collect();
        self.postings = HashMap::new();
        for (i, node) in self.nodes.iter().enumerate() {
            for &(t, _) in &node.vec {
                self.postings.entry(t).or_default().push(i as u32);
            }
        }
    }

    /// The state as JSON, for a store to keep. Settle first: what is not settled is not kept.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A state from [`Stories::to_json`]; `None` when the text is not one (a state of an older version).
    pub fn from_json(s: &str) -> Option<Stories> {
        let mut stories: Stories = serde_json::from_str(s).ok()?;
        stories.reindex();
        Some(stories)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUAKE: &str = "A magnitude 7.0 earthquake struck near the coast on Tuesday, killing dozens of people and \
        destroying hundreds of homes, officials said. Rescue teams searched collapsed buildings through the night.";
    const REHAB: &str = "The actress Tara Reid checked into Promises Treatment Center in Malibu, her publicist said.";

    #[test]
    fn the_same_words_years_apart_are_two_stories() {
        let mut s = Stories::default();
        s.add("a", "Earthquake kills dozens", QUAKE, Some(700_000));
        s.add("b", "Earthquake kills dozens", QUAKE, Some(700_001));
        s.add("c", "Earthquake kills dozens", QUAKE, Some(700_000 + REPEL_DAYS));
        s.settle();
        assert_eq!(s.story_of("a"), s.story_of("b"));
        assert_ne!(s.story_of("a"), s.story_of("c"));
    }

    #[test]
    fn an_undated_article_does_not_bridge_reports_years_apart() {
        let mut s = Stories::default();
        s.add("2021", "Earthquake kills dozens", QUAKE, Some(738_000));
        s.add("2021b", "Earthquake toll rises", QUAKE, Some(738_001));
        s.add("undated", "Earthquake kills dozens", QUAKE, None);
        s.add("2025", "Earthquake kills dozens", QUAKE, Some(739_500));
        s.settle();
        assert_eq!(s.story_of("2021"), s.story_of("2021b"));
        assert_ne!(s.story_of("2021"), s.story_of("2025"));
    }

    #[test]
    fn days_apart_within_a_story_cost_nothing() {
        assert_eq!(time_factor(0), 1.0);
        assert_eq!(time_factor(-3), 1.0);
        let half = GRACE_DAYS as i64 + HALF_LIFE_DAYS as i64;
        assert!((time_factor(half) - 0.5).abs() < 1e-6);
        assert!(time_factor(2 * half) < 0.3);
        assert_eq!(time_factor(REPEL_DAYS), 0.0);
    }

    #[test]
    fn a_settle_reports_new_and_moved_articles_and_keeps_ids() {
        let mut s = Stories::default();
        s.ids_from(10);
        s.add("a", "Earthquake kills dozens", QUAKE, None);
        s.add("r", "Tara Reid enters rehab", REHAB, None);
        let first = s.settle();
        assert_eq!(first.moved.len(), 2);
        let quake = s.story_of("a");
        assert!(quake.is_some_and(|q| q >= 10));
        assert!(first
            .labels
            .iter()
            .any(|(id, l)| Some(*id) == quake && l.contains("earthquake")));
        // More of the same story keeps its id; nothing else moves.
        s.add("b", "Quake toll rises", QUAKE, None);
        let second = s.settle();
        assert_eq!(s.story_of("b"), quake);
        assert_eq!(second.moved, [("b".to_string(), quake.unwrap_or(0))]);
        // A copy goes where its original is; a copy of an article not held takes the story it is given.
        s.add_copy("b2", ("Quake toll rises", QUAKE, None), "b", None);
        s.add_copy("z", ("Tara Reid enters rehab", REHAB, None), "elsewhere", Some(3));
        s.settle();
        assert_eq!(s.story_of("b2"), quake);
        assert_eq!(s.story_of("z"), Some(3));
        assert!(s.settle().moved.is_empty());
    }

    /// 64 short reports of 8 events, each event in words of its own among words every report uses.
    fn reports() -> Vec<(String, String)> {
        let common = [
            "officials",
            "reported",
            "tuesday",
            "people",
            "government",
            "statement",
            "city",
            "police",
        ];
        (0..64)
            .map(|i| {
                let event = i % 8;
                let own: Vec<String> = (0..6).map(|w| format!("event{event}word{w}")).collect();
                let mut text = Vec::new();
                for k in 0..12 {
                    text.push(if (i + k) % 3 == 0 {
                        own[(i / 8 + k) % 6].clone()
                    } else {
                        common[(i * 7 + k) % 8].to_string()
                    });
                }
                (format!("r{i}"), text.join(" "))
            })
            .collect()
    }

    #[test]
    fn vectors_weighed_again_do_not_depend_on_the_order_articles_came_in() {
        let docs = reports();
        let mut forward = Stories::default();
        let mut backward = Stories::default();
        for (id, text) in &docs {
            forward.add(id, "", text, None);
        }
        for (id, text) in docs.iter().rev() {
            backward.add(id, "", text, None);
        }
        let words = |s: &Stories, id: &str| -> Vec<(String, u32)> {
            let node = &s.nodes[s.by_id[id] as usize];
            let mut v: Vec<(String, u32)> = node
                .vec
                .iter()
                .map(|&(t, w)| (s.vocab[t as usize].clone(), (w * 1e4).round() as u32))
                .collect();
            v.sort();
            v
        };
        for (id, _) in &docs {
            assert_eq!(words(&forward, id), words(&backward, id), "{id}");
        }
        assert_eq!(forward.weighed_at, 64);
        forward.settle();
        backward.settle();
        for (a, _) in &docs {
            for (b, _) in &docs {
                let same = |s: &Stories| s.story_of(a) == s.story_of(b);
                assert_eq!(same(&forward), same(&backward), "{a} {b}");
            }
        }
    }

    #[test]
    fn a_state_kept_between_ingests_goes_on_weighing_again() {
        let docs = reports();
        let mut s = Stories::default();
        for (id, text) in &docs[..40] {
            s.add(id, "", text, None);
        }
        s.settle();
        assert_eq!(s.weighed_at, 32);
        let mut back = Stories::from_json(&s.to_json()).unwrap_or_default();
        assert_eq!(back.weighed_at, 32);
        assert!(back.nodes.iter().all(|n| !n.counts.is_empty()));
        for (id, text) in &docs[40..] {
            back.add(id, "", text, None);
        }
        back.settle();
        assert_eq!(back.weighed_at, 64);
        // The same stories as one clustering that saw them all, and as ones settled and saved at other points.
        let mut whole = Stories::default();
        for (id, text) in &docs {
            whole.add(id, "", text, None);
        }
        whole.settle();
        let same_stories = |x: &Stories, y: &Stories| {
            docs.iter().all(|(a, _)| {
                docs.iter()
                    .all(|(b, _)| (x.story_of(a) == x.story_of(b)) == (y.story_of(a) == y.story_of(b)))
            })
        };
        assert!(same_stories(&back, &whole));
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20 {
            let mut s = Stories::default();
            for (id, text) in &docs {
                s.add(id, "", text, None);
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                if state.is_multiple_of(5) {
                    s.settle();
                    // Saved and read back between two ingests (a state is saved settled).
                    if state.is_multiple_of(3) {
                        s = Stories::from_json(&s.to_json()).unwrap_or_default();
                    }
                }
            }
            s.settle();
            assert!(same_stories(&s, &whole));
        }
    }

    #[test]
    fn the_state_survives_json_and_goes_on_and_old_articles_are_let_go() {
        let mut s = Stories::default();
        s.add("a", "Earthquake kills dozens", QUAKE, None);
        s.settle();
        let mut back = Stories::from_json(&s.to_json()).unwrap_or_default();
        assert_eq!(back.len(), 1);
        back.add("b", "Quake toll rises", QUAKE, None);
        back.settle();
        assert_eq!(back.story_of("b"), s.story_of("a"));
        back.add("r", "Tara Reid enters rehab", REHAB, None);
        back.settle();
        back.retain_recent(1);
        assert_eq!(back.len(), 1);
        assert!(!back.contains("a"));
        back.add("c", "Another quake", QUAKE, None);
        back.settle();
        assert_ne!(back.story_of("c"), s.story_of("a"));
    }
}
