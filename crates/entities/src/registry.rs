//! Resolution across documents: one name per entity id over a corpus, the first a run meets. Ids come from
//! resolution keys and are the same in every run; a surname met alone joins the one full name registered
//! with that surname.

use std::collections::HashMap;

use dateline_model::{Article, EntityKind};

use crate::resolve::resolution_key;

/// The names a corpus has given its entities so far.
#[derive(Default)]
pub struct Registry {
    /// Entity id → canonical name.
    names: HashMap<String, String>,
    /// Surname key → ids of the full-named people with that surname.
    surnames: HashMap<String, Vec<String>>,
    /// Person key with one letter of the surname masked (`a|v*lfovich`) → ids: spellings one letter apart
    /// (`Valfovich` / `Volfovich`) meet here without a scan of every name.
    masked: HashMap<String, Vec<String>>,
    /// Surname key → the id of the person met by that surname alone before any full name with it: the first
    /// full name with the surname is that person (`Noem` on one page, `Kristi Noem` on a later one).
    alone: HashMap<String, String>,
    /// A full name's own id → the id it took instead (that of the surname met alone before it): every later
    /// document naming the person in full takes it too.
    redirect: HashMap<String, String>,
}

/// The keys of `first|surname` with each letter of a long surname masked in turn.
fn masked_keys(first: &str, surname: &str) -> Vec<String> {
    let letters: Vec<char> = surname.chars().collect();
    if letters.len() < 6 {
        return Vec::new();
    }
    (0..letters.len())
        .map(|i| {
            let mut k = format!("{first}|");
            k.extend(letters.iter().enumerate().map(|(j, c)| if i == j { '*' } else { *c }));
            k
        })
        .collect()
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Registry {
        Registry::default()
    }

    /// Records the name an entity already has (from a store), so that this run keeps it.
    pub fn seed(&mut self, id: String, name: String) {
        self.names.insert(id, name);
    }

    /// Gives the entities of `article` the ids and names the corpus already uses for them, registers those
    /// it meets first, and renames quote speakers to match.
    pub fn unify(&mut self, article: &mut Article) {
        for e in &mut article.entities {
            if let Some(id) = self.redirect.get(&e.id) {
                e.id = id.clone();
            }
            let key = resolution_key(e.kind, &e.name);
            if e.kind == EntityKind::Person {
                if let Some((first, surname)) = key.split_once('|') {
                    // A full name first met here, one letter from a registered one with the same initial,
                    // is that person (`Alexander Valfovich` after `Alexander Volfovich`).
                    if first != "?" && !self.names.contains_key(&e.id) {
                        let near = masked_keys(first, surname)
                            .iter()
                            .find_map(|k| self.masked.get(k).and_then(|ids| ids.first()).cloned());
                        if let Some(id) = near {
                            e.id = id;
                        }
                    }
                    let ids = self.surnames.entry(surname.to_string()).or_default();
                    if first == "?" {
                        match ids.as_slice() {
                            [only] => e.id = only.clone(),
                            [] => e.id = self.alone.entry(surname.to_string()).or_insert(e.id.clone()).clone(),
                            _ => {}
                        }
                    } else if !ids.contains(&e.id) {
                        if ids.is_empty() && !self.names.contains_key(&e.id) {
                            if let Some(id) = self.alone.get(surname) {
                                self.redirect
                                    .insert(std::mem::replace(&mut e.id, id.clone()), id.clone());
                                // The full name is the one the corpus goes on with.
                                self.names.insert(e.id.clone(), e.name.clone());
                            }
                        }
                        ids.push(e.id.clone());
                        for k in masked_keys(first, surname) {
                            let at = self.masked.entry(k).or_default();
                            if !at.contains(&e.id) {
                                at.push(e.id.clone());
                            }
                        }
                    }
                }
            }
            let name = self.names.entry(e.id.clone()).or_insert_with(|| e.name.clone());
            if *name != e.name {
                let old = std::mem::replace(&mut e.name, name.clone());
                for q in &mut article.quotes {
                    if q.speaker.as_deref() == Some(old.as_str()) {
                        q.speaker = Some(e.name.clone());
                    }
                }
                if !e.aliases.contains(&old) {
                    e.aliases.push(old);
                }
            }
        }
    }
}
