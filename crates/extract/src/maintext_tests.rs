//! The main text of whole pages, read through [`crate::html::parse`]: what the container choice keeps and
//! drops on page shapes met on real sites (page builders, hidden wrappers, figures, code, reading lists).

use std::collections::HashSet;

use scraper::Html;

use crate::html::parse;

/// The main text of a page, a paragraph a line.
fn text_of(page: &str) -> String {
    parse(page, None).paragraphs.join("\n")
}

/// Asserts that `text` holds every piece of `kept` and none of `dropped`.
fn keeps_and_drops(text: &str, kept: &[&str], dropped: &[&str]) {
    for piece in kept {
        assert!(text.contains(piece), "should be kept, {piece:?}: {text}");
    }
    for piece in dropped {
        assert!(!text.contains(piece), "should be dropped, {piece:?}: {text}");
    }
}

/// A reader's thanks under a newsletter issue.
const READER_NOTE: &str =
    "<p>Thank you, this episode was wonderful, and I learned a lot from it, every single day.</p>";

/// `steps` numbered paragraphs of a protocol.
fn protocol(steps: usize) -> String {
    (1..=steps)
        .map(|n| {
            format!(
                "<p>Step {n} of the protocol, explained with care, and with the reasons, the doses and the \
                 timing that the research behind it supports.</p>"
            )
        })
        .collect()
}

#[test]
fn a_page_builder_article_is_kept_and_its_related_box_dropped() {
    let widget = |n: usize| {
        format!(
            "<div class=\"builder-element builder-widget\"><div class=\"builder-widget-container\"><p>Paragraph {n} \
             of the story says, at some length and with a comma or two, what happened at the harbour on \
             Tuesday and why it matters.</p></div></div>"
        )
    };
    let body: String = (1..=6).map(widget).collect();
    let page = format!(
        "<html><head><title>Harbour reopens</title></head><body><div class=\"builder-widget-wrap\">\
         <div class=\"builder-widget\"><div class=\"builder-widget-container\"><h1>Harbour reopens</h1></div></div>\
         {body}<div class=\"related-posts builder-widget\"><p>Read also: an older story about the harbour \
         and its long history of storms, repairs and closures over the years.</p></div></div></body></html>"
    );
    let text = text_of(&page);
    for n in 1..=6 {
        assert!(text.contains(&format!("Paragraph {n} ")), "{n}: {text}");
    }
    assert!(!text.contains("Read also"), "{text}");
}

#[test]
fn a_streamed_segment_is_read_and_other_hidden_text_is_not() {
    let para = "<p>The council approved the new bridge on Tuesday, ending a debate that had run for three years, \
                and the mayor welcomed the vote.</p>";
    let page = format!(
        "<html><body><h1>Bridge approved</h1><template id=\"B:0\"></template>\
         <div hidden>{}</div><div hidden id=\"S:0\"><article>{para}{para}</article></div></body></html>",
        para.replace("bridge", "tunnel")
    );
    let text = text_of(&page);
    keeps_and_drops(&text, &["new bridge"], &["tunnel"]);
}

#[test]
fn a_chrome_named_wrapper_around_the_pages_own_headline_is_the_articles() {
    let (article, notes) = (protocol(40), READER_NOTE.repeat(32));
    let hidden_copy = "<div style=\"display:none\" class=\"share-modal\"><h1>Fitness protocol</h1></div>";
    let page = format!(
        "<html><head><title>Fitness protocol</title></head><body>{hidden_copy}<main>\
         <section class=\"section-hero cc-newsletter\"><h1>Fitness protocol</h1><article>{article}</article>\
         </section><aside class=\"newsletter-signup\"><h2>Fitness protocol</h2><p>Sign up for our \
         newsletter and get every protocol in your inbox each month.</p></aside></main>\
         <div class=\"reader-notes\">{notes}</div></body></html>"
    );
    let text = text_of(&page);
    keeps_and_drops(&text, &["Step 1 ", "Step 40 "], &["Thank you", "Sign up"]);
}

#[test]
fn a_figure_holding_a_table_is_text_and_a_picture_or_an_embedded_post_is_not() {
    let para = |n: usize| {
        format!(
            "<p>Part {n}: home prices in the state rose again last year, and sales held up better than the \
             analysts had expected in the spring.</p>"
        )
    };
    let rows: String = [
        "Connecticut</td><td>91.0",
        "New Jersey</td><td>87.8",
        "Ohio</td><td>64.9",
    ]
    .iter()
    .map(|r| format!("<tr><td>{r}</td></tr>"))
    .collect();
    let page = format!(
        "<html><body><article><h1>Hottest markets</h1>{}{}<figure class=\"wp-block-table\"><table>{rows}\
         </table></figure><figure><img src=\"a.jpg\"><figcaption>Photo of a quiet street in the town \
         centre</figcaption></figure>{}<figure class=\"wp-block-embed-twitter\"><blockquote \
         class=\"twitter-tweet\"><p>Prices are up again, what a year for sellers in the state</p>\
         </blockquote></figure>{}</article></body></html>",
        para(1),
        para(2),
        para(3),
        para(4)
    );
    let text = text_of(&page);
    keeps_and_drops(
        &text,
        &["Connecticut 91.0", "Ohio 64.9"],
        &["quiet street", "what a year"],
    );
}

#[test]
fn a_highlighted_comment_inside_code_is_code_and_a_comments_section_is_not() {
    let para = |n: usize| {
        format!(
            "<p>Step {n}: set up the repository before anything else, then stage and commit the files \
             you changed, as the commands below show.</p>"
        )
    };
    let page = format!(
        "<html><body><article><h1>Git commands</h1>{}{}<pre><code class=\"language-bash hljs\"><span class=\"hljs-comment\"># start a \
         repository here</span>\ngit init</code></pre>{}{}{}{}</article><div class=\"comments\"><p>Great post, \
         thanks a lot for sharing these commands with everyone here!</p></div></body></html>",
        para(1),
        para(2),
        para(3),
        para(4),
        para(5),
        para(6)
    );
    let text = text_of(&page);
    keeps_and_drops(&text, &["# start a repository here git init"], &["Great post"]);
}

#[test]
fn short_lines_inside_the_article_are_kept_but_short_links_and_counters_are_not() {
    let para = |n: usize| {
        format!(
            "<p>Part {n}: the committee met for the third time this year and named the members who will \
             lead the review of the city's budget.</p>"
        )
    };
    let page = format!(
        "<html><body><article><h1>Budget review</h1>{}{}<p>Ana Ruiz</p><p>Tom Berg</p><p>Lee Chan</p>\
         <p><a href=\"/share\">Share this</a></p><p>Image 1 of 5</p><p>Advert</p>{}{}</article>\
         <div class=\"sidebar\"><p>Most read</p><p>Weather</p></div></body></html>",
        para(1),
        para(2),
        para(3),
        para(4)
    );
    let text = text_of(&page);
    assert!(text.contains("\nAna Ruiz\nTom Berg\nLee Chan\n"), "{text}");
    for junk in ["Share this", "Image 1", "Advert", "Weather"] {
        assert!(!text.contains(junk), "{junk}: {text}");
    }
}

#[test]
fn customer_reviews_under_a_product_are_not_its_description() {
    let review = "<div class=\"product-reviews__review\"><p>I love the combination of the oak shelf with the \
                  natural baskets, it looks great in the living room and holds all the toys.</p></div>";
    let page = format!(
        "<html><body><main><h1>KALLAX shelf unit</h1><div class=\"product-info\"><p>Standing or lying, the \
         shelf unit adapts to taste, space and budget: personalise it with inserts and boxes.</p><p>The \
         simple design with clean lines makes it flexible and easy to use at home.</p></div>\
         <div class=\"product-reviews\">{}</div></main></body></html>",
        review.repeat(12)
    );
    let text = text_of(&page);
    keeps_and_drops(&text, &["Standing or lying"], &["I love the combination"]);
}

#[test]
fn a_reading_list_of_links_with_their_authors_is_kept_and_a_menu_is_not() {
    let para = "<p>Performance depends on the settings, the hardware and the queries, and each of the \
                guides below explains one part of it with examples.</p>";
    let entries: String = (1..=8)
        .map(|n| format!("<li><a href=\"/guide/{n}\">Tuning guide part {n}</a> by Greg Smith</li>"))
        .collect();
    let menu: String = (1..=8)
        .map(|n| format!("<li><a href=\"/section/{n}\">Other section {n}</a></li>"))
        .collect();
    let page = format!(
        "<html><body><div id=\"content\"><h1>Performance</h1>{para}{para}<ul>{entries}</ul>{para}\
         <ul>{menu}</ul></div></body></html>"
    );
    let text = text_of(&page);
    keeps_and_drops(&text, &["part 1 by Greg", "part 8 by Greg"], &["Other section"]);
}

#[test]
fn a_list_of_links_the_text_introduces_is_kept_and_a_related_list_is_not() {
    let para = |n: usize| {
        format!(
            "<p>Part {n}: the compiler backend made good progress these past months, and more of the test \
             suite now passes on every architecture we support.</p>"
        )
    };
    let items: String = (1..=12)
        .map(|n| format!("<li><p><a href=\"/pr/{n}\">Fix code generation case {n}</a></p></li>"))
        .collect();
    let related: String = (1..=4)
        .map(|n| format!("<li><a href=\"/post/{n}\">Older progress report number {n}</a></li>"))
        .collect();
    let page = format!(
        "<html><body><article><h1>Progress report</h1><div class=\"sect\">{}{}<p>Many patches were \
         sent for review this month:</p><ul>{items}</ul></div><div class=\"sect\">{}{}</div>\
         <h3>Related</h3><ul>{related}</ul></article></body></html>",
        para(1),
        para(2),
        para(3),
        para(4)
    );
    let text = text_of(&page);
    keeps_and_drops(&text, &["Part 1:", "Part 4:", "case 1", "case 12"], &["Older progress"]);
}

#[test]
fn a_page_kept_invisible_until_its_scripts_run_is_read_but_a_hidden_panel_is_not() {
    let para = |n: usize| {
        format!(
            "<p>Part {n}: the council approved the new bridge on Tuesday, ending a debate that had run for \
             three years, and the mayor welcomed the vote.</p>"
        )
    };
    let body: String = (1..=20).map(para).collect();
    let panel = "<div style=\"display: none\"><p>Sign in to save this story to your reading list and get \
                 alerts whenever the council votes again on the matter.</p></div>";
    let page = format!(
        "<html><body><div style=\"visibility:hidden;min-height:100vh\"><h1>Bridge approved</h1>{panel}\
         <div class=\"text\">{body}</div></div><script>{}</script></body></html>",
        "window.__DATA__ = 1;".repeat(2_000)
    );
    let text = text_of(&page);
    keeps_and_drops(&text, &["Part 1:", "Part 20:"], &["Sign in"]);
}

#[test]
fn an_article_under_a_chrome_named_section_outweighs_a_small_block_elsewhere() {
    let (article, notes) = (protocol(20), READER_NOTE.repeat(7));
    let page = format!(
        "<html><body><main><section class=\"section-hero cc-newsletter\"><article>{article}</article></section>\
         <div class=\"reader-notes\">{notes}</div></main></body></html>"
    );
    let text = text_of(&page);
    assert!(text.contains("Step 1 ") && text.contains("Step 20 "), "{text}");
}

#[test]
fn an_unclosed_aside_does_not_swallow_the_page() {
    let para = "<p>The council approved the new bridge on Tuesday, ending a debate that had run for three years, \
                and the mayor welcomed the vote.</p>";
    let page = format!(
        "<html><body><aside class=\"banner\"><a href=\"/sale\">Sale now on</a>\
         <main><h1>Bridge approved</h1>{para}{para}</main></body></html>"
    );
    let text = text_of(&page);
    assert!(text.contains("new bridge"), "{text}");
    let page = format!(
        "<html><body><main><h1>Bridge approved</h1>{para}</main><aside>{}</aside></body></html>",
        para.replace("bridge", "tunnel")
    );
    let text = text_of(&page);
    assert!(!text.contains("tunnel"), "{text}");
}

#[test]
fn lists_of_tips_do_not_keep_the_article_from_being_taken_whole() {
    let para = "<p>Moving to a plant-based diet works best in small steps, taken at your own pace, with meals \
                you already like and a few new ones each week.</p>";
    let tips: String = (1..=12).map(|n| format!("<li>Tip {n}: swap one meal</li>")).collect();
    let page = format!(
        "<html><body><div class=\"post\"><div class=\"wrap\"><div class=\"part\">{para}{para}</div></div>\
         <div class=\"wrap\"><div class=\"part\"><h2>Tips</h2><ul>{tips}</ul><h2>More tips</h2><ul>{tips}</ul></div></div>\
         <div class=\"wrap\"><div class=\"part\">{}</div></div></div></body></html>",
        para.replace("small steps", "the last steps")
    );
    let text = text_of(&page);
    assert!(text.contains("Tip 12") && text.contains("the last steps"), "{text}");
}

#[test]
fn a_sign_up_box_inside_the_article_is_dropped_and_a_search_form_leaves_the_article_alone() {
    let signup = "<section class=\"relative p-8 my-12\"><div class=\"font-bold\">Deals of the week</div>\
         <div>Be the first to know! Get the editors' picks of the week in your inbox, every Friday.</div>\
         <form><input type=\"email\" name=\"address\"><button>Sign me up</button>\
         <div>By clicking Sign Me Up, you confirm you are 16+ and agree to our Terms of Use.</div></form></section>";
    let search = "<form role=\"search\"><input type=\"search\" name=\"q\"></form>";
    // A text-alert box asks for a phone number; a lead form's many labels are the form's, not the box's.
    let sms = "<div><p>Get the editors' selected deals texted right to your phone every morning, with prices \
         checked by our team before we send them.</p><form><input type=\"tel\"><button>Sign Me Up</button></form>\
         <p>By signing up, you agree to receive recurring automated messages at the number provided.</p></div>";
    let page = format!(
        "<html><head><title>Harbour reopens</title></head><body><div>{search}</div><article><h1>Harbour reopens</h1>\
         {}{signup}{sms}{}</article></body></html>",
        protocol(3),
        protocol(2)
    );
    let text = text_of(&page);
    keeps_and_drops(
        &text,
        &["Step 3 of the protocol", "Step 2 of the protocol"],
        &["first to know", "Deals of the week", "texted", "automated messages"],
    );
}

#[test]
fn a_lead_forms_labels_do_not_make_its_box_too_big_to_be_one() {
    // The form's labels and choices run past the box's limit; the offer around them is still the box.
    let options: String = (0..60)
        .map(|k| format!("<option>Job title number {k}</option>"))
        .collect();
    let page = format!(
        "<html><body><div id=\"page\"><p>{}</p><div id=\"offer\"><p>Request our free ebook on fleet safety.</p>\
         <form><label>First Name*</label><input type=\"text\"><select>{options}</select>\
         <input type=\"email\"></form></div></div></body></html>",
        "Fleet managers reported fewer incidents. ".repeat(40)
    );
    let doc = Html::parse_document(&page);
    let boxes = super::form_boxes(&doc, &HashSet::new());
    let named = |id: &str| {
        doc.root_element()
            .descendants()
            .find(|n| n.value().as_element().is_some_and(|e| e.attr("id") == Some(id)))
            .map(|n| n.id())
    };
    assert!(named("offer").is_some_and(|id| boxes.contains(&id)), "{boxes:?}");
    assert!(named("page").is_some_and(|id| !boxes.contains(&id)));
}

#[test]
fn addresses_and_phone_numbers_inside_the_article_are_kept_and_a_footers_are_not() {
    let entry = |n: usize| {
        format!(
            "<li>Clinic number {n} offers psychotherapy, with fees based on income<br>110 Gough St. Suite {n}01<br>\
             (415) 861-54{n}9</li>"
        )
    };
    let list: String = (1..=4).map(entry).collect();
    let page = format!(
        "<html><body><main><h1>Low-cost providers</h1>{}<ul>{list}</ul></main>\
         <div class=\"site-info\"><p>Campus office</p><p>2130 Fulton Street</p><p>(415) 422-5555</p></div></body></html>",
        protocol(2)
    );
    let text = text_of(&page);
    keeps_and_drops(
        &text,
        &["\n110 Gough St. Suite 301\n(415) 861-5439\n"],
        &["Fulton", "422-5555"],
    );
}

#[test]
fn comments_named_for_their_body_are_still_comments() {
    let para = |n: usize| {
        format!(
            "<p>Paragraph {n} of the post: I have been teaching myself a new way to write software, and it \
             changed how I think about the whole craft of building programs.</p>"
        )
    };
    let page = format!(
        "<html><body><table><tr><td class=\"blog\"><h2 class=\"date\">December 16, 2025</h2><div \
         class=\"blogbody\"><h3 class=\"title\">Vibe Coding</h3>{}{}{}{}</div><div class=\"comments-head\">\
         Comments</div><div class=\"comments-body\"><p>Management by abdication is a dangerous path, and \
         I do not think this ends well for anybody who maintains such code.</p><span \
         class=\"comments-post\">Posted by: Karl at December 18, 2025</span></div></td></tr></table>\
         </body></html>",
        para(1),
        para(2),
        para(3),
        para(4)
    );
    let text = text_of(&page);
    keeps_and_drops(
        &text,
        &["Paragraph 4 of the post"],
        &["Management by abdication", "Posted by: Karl"],
    );
}
