//! Communities of a weighted graph by the constant Potts model (CPM): a partition is worth the weight of
//! the edges inside its communities less `gamma` for every pair of nodes it puts together, so two groups
//! join only when the edges between them outweigh `gamma` times the pairs they would make. Unlike
//! modularity, the worth of a community does not depend on the size of the rest of the graph: a story is
//! split or kept the same way in a corpus of a thousand articles or of a million, and a part of the graph
//! can be partitioned alone.
//!
//! Optimised as Louvain does: nodes move one at a time to the community that gains most, until none moves;
//! the communities then become the nodes of a smaller graph, and so on. Deterministic: nodes are visited
//! in order, ties go to the lower community.

/// A node's community, for each node of a graph of `n` nodes with `edges` (each pair once, any order).
pub(crate) fn communities(n: usize, edges: &[(u32, u32, f32)], gamma: f32) -> Vec<u32> {
    let mut adj: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
    for &(a, b, w) in edges {
        if a != b && (a as usize) < n && (b as usize) < n {
            adj[a as usize].push((b, w));
            adj[b as usize].push((a, w));
        }
    }
    let mut size = vec![1.0f32; n];
    // Each original node's node at the current level.
    let mut of: Vec<u32> = (0..n as u32).collect();
    loop {
        let (comm, moved) = local_moves(&adj, &size, gamma);
        if !moved {
            break;
        }
        // Communities become nodes, numbered in order of their lowest node.
        let mut number = vec![u32::MAX; adj.len()];
        let mut count = 0u32;
        for &c in &comm {
            if number[c as usize] == u32::MAX {
                number[c as usize] = count;
                count += 1;
            }
        }
        let m = count as usize;
        let mut merged: Vec<Vec<(u32, f32)>> = vec![Vec::new(); m];
        let mut new_size = vec![0.0f32; m];
        for (i, list) in adj.iter().enumerate() {
            let a = number[comm[i] as usize];
            new_size[a as usize] += size[i];
            for &(j, w) in list {
                let b = number[comm[j as usize] as usize];
                if a != b {
                    merged[a as usize].push((b, w));
                }
            }
        }
        for list in &mut merged {
            list.sort_unstable_by_key(|e| e.0);
            let mut out: Vec<(u32, f32)> = Vec::with_capacity(list.len());
            for &(b, w) in list.iter() {
                match out.last_mut() {
                    Some(last) if last.0 == b => last.1 += w,
                    _ => out.push((b, w)),
                }
            }
            *list = out;
        }
        for o in &mut of {
            *o = number[comm[*o as usize] as usize];
        }
        adj = merged;
        size = new_size;
    }
    of
}

/// One level of moves: each node to the neighbouring community (or a community of its own) that gains
/// most, over and over until no node moves. Returns the communities and whether any node moved.
fn local_moves(adj: &[Vec<(u32, f32)>], size: &[f32], gamma: f32) -> (Vec<u32>, bool) {
    let n = adj.len();
    let mut comm: Vec<u32> = (0..n as u32).collect();
    let mut total: Vec<f32> = size.to_vec();
    // Community labels left empty, for a node better alone.
    let mut empty: Vec<u32> = Vec::new();
    let mut weight_to: Vec<f32> = vec![0.0; n];
    let mut touched: Vec<u32> = Vec::new();
    let mut moved_any = false;
    for _pass in 0..50 {
        let mut moved = false;
        for i in 0..n {
            let own = comm[i];
            for &(j, w) in &adj[i] {
                let c = comm[j as usize];
                if weight_to[c as usize] == 0.0 {
                    touched.push(c);
                }
                weight_to[c as usize] += w;
            }
            total[own as usize] -= size[i];
            let gain = |c: u32, w: f32| w - gamma * size[i] * total[c as usize];
            let mut best = own;
            let mut best_gain = gain(own, weight_to[own as usize]);
            touched.sort_unstable();
            for &c in &touched {
                let g = gain(c, weight_to[c as usize]);
                if g > best_gain + 1e-9 {
                    best = c;
                    best_gain = g;
                }
            }
            if best_gain < 0.0 && total[own as usize] > 0.0 {
                // Better alone than anywhere: a community of its own.
                best = empty.pop().unwrap_or(own);
            }
            for &c in &touched {
                weight_to[c as usize] = 0.0;
            }
            touched.clear();
            total[best as usize] += size[i];
            if best != own {
                comm[i] = best;
                if total[own as usize] <= 0.0 {
                    empty.push(own);
                }
                moved = true;
                moved_any = true;
            }
        }
        if !moved {
            break;
        }
    }
    (comm, moved_any)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_cliques_joined_by_one_weak_edge_are_two_communities() {
        let mut edges = Vec::new();
        for group in [0u32, 4] {
            for a in group..group + 4 {
                for b in a + 1..group + 4 {
                    edges.push((a, b, 0.6));
                }
            }
        }
        edges.push((3, 4, 0.15));
        let c = communities(8, &edges, 0.05);
        assert!(c[..4].iter().all(|&x| x == c[0]));
        assert!(c[4..].iter().all(|&x| x == c[4]));
        assert_ne!(c[0], c[4]);
        // A strong bridge makes them one.
        edges.push((0, 5, 0.9));
        edges.push((1, 6, 0.9));
        edges.push((2, 7, 0.9));
        let c = communities(8, &edges, 0.05);
        assert!(c.iter().all(|&x| x == c[0]), "{c:?}");
        // A node without edges is alone.
        let c = communities(3, &[(0, 1, 0.5)], 0.05);
        assert_eq!(c[0], c[1]);
        assert_ne!(c[2], c[0]);
    }
}
