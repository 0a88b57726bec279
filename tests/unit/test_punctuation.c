/* test_punctuation.c - the typographic punctuation pass on tricky cases. */
#include <glib.h>

#include "check.h"
#include "punctuation.h"
#include "reader.h"

static void t(const char *name, const char *in, const char *lang, quote_primary q,
              const char *want)
{
    char *got = punctuation_string(in, lang, q);
    CHECK_STR(name, got, want);
    g_free(got);
}

/* The text of the article's first paragraph after the pass, as one string
 * with inline code and links shown as they are in the tree. */
static char *first_block_text(const char *md)
{
    diag_list d;
    diag_list_init(&d);
    node *issue = node_new(NODE_ISSUE, (src_pos){"t", 1, 1});
    issue->as.issue.language = g_strdup("nl");
    node *a = reader_read_article("t.md", md, strlen(md), &d);
    node_append(issue, a);
    punctuation_apply(issue, QUOTES_DOUBLE);
    GString *s = g_string_new(NULL);
    tree_walker w;
    node *n;
    walk_event ev;
    tree_walk_init(&w, a->first);
    while (tree_walk_next(&w, &n, &ev))
        if (ev == WALK_ENTER && (n->type == NODE_TEXT || n->type == NODE_CODE))
            g_string_append_printf(s, n->type == NODE_CODE ? "`%s`" : "%s", n->text);
    char *title = g_strdup(a->as.article.title);
    g_string_append_printf(s, " | %s", title);
    g_free(title);
    tree_free(issue);
    diag_list_free(&d);
    return g_string_free(s, FALSE);
}

int main(void)
{
    /* Apostrophes. */
    t("apostrophe-inside-word", "regio's en zo'n", "nl", QUOTES_DOUBLE, "regio’s en zo’n");
    t("apostrophe-elision-t", "Hij zegt 't is goed", "nl", QUOTES_DOUBLE,
      "Hij zegt ’t is goed");
    t("apostrophe-elision-s-hertogenbosch", "in 's-Hertogenbosch", "nl", QUOTES_DOUBLE,
      "in ’s-Hertogenbosch");
    t("apostrophe-year", "de jaren '80 en '90", "nl", QUOTES_DOUBLE, "de jaren ’80 en ’90");
    t("apostrophe-word-end", "the students' books", "en", QUOTES_DOUBLE,
      "the students’ books");
    t("apostrophe-in-single-quote", "'Hij zei 't al' en ging", "nl", QUOTES_DOUBLE,
      "“Hij zei ’t al” en ging");
    t("apostrophe-word-end-in-quote", "\"the students' books\"", "en", QUOTES_DOUBLE,
      "“the students’ books”");
    /* Quotes: primary by depth, not by the character typed. */
    t("double-primary", "Hij zei \"ja\".", "nl", QUOTES_DOUBLE, "Hij zei “ja”.");
    t("single-typed-is-primary", "Hij zei 'ja'.", "nl", QUOTES_DOUBLE, "Hij zei “ja”.");
    t("nested", "\"Zij zei 'nee' tegen mij\"", "nl", QUOTES_DOUBLE,
      "“Zij zei ‘nee’ tegen mij”");
    t("nested-single-primary", "\"Zij zei 'nee' tegen mij\"", "nl", QUOTES_SINGLE,
      "‘Zij zei “nee” tegen mij’");
    t("quote-after-dash", "Een gok---\"of niet\"", "nl", QUOTES_DOUBLE,
      "Een gok—“of niet”");
    t("quote-after-en-dash", "zo -- 'echt' -- niet", "nl", QUOTES_DOUBLE,
      "zo – “echt” – niet");
    t("close-after-punctuation", "'Wat nu?' vroeg ze.", "nl", QUOTES_DOUBLE,
      "“Wat nu?” vroeg ze.");
    t("quote-in-brackets", "(\"zo\")", "en", QUOTES_DOUBLE, "(“zo”)");
    /* Dashes and dots. */
    t("en-dash", "1990--2000", "en", QUOTES_DOUBLE, "1990–2000");
    t("em-dash", "wait---what", "en", QUOTES_DOUBLE, "wait—what");
    t("hyphen-kept", "pre-conferentie", "nl", QUOTES_DOUBLE, "pre-conferentie");
    t("four-hyphens-kept", "a----b", "en", QUOTES_DOUBLE, "a----b");
    t("ellipsis", "en dan...", "nl", QUOTES_DOUBLE, "en dan…");
    /* Languages. */
    t("de-quotes", "Er sagte \"Heimat 'hier' und dort\".", "de", QUOTES_DOUBLE,
      "Er sagte „Heimat ‚hier‘ und dort“.");
    t("de-apostrophe", "geht's", "de-DE", QUOTES_DOUBLE, "geht’s");
    t("fr-guillemets", "Il dit \"oui\".", "fr", QUOTES_DOUBLE,
      "Il dit «\u202Foui\u202F».");
    t("fr-spaces-inside", "Il dit \" oui \" !", "fr", QUOTES_DOUBLE,
      "Il dit «\u202Foui\u202F»\u202F!");
    t("fr-apostrophe", "l'école", "fr", QUOTES_DOUBLE, "l’école");
    t("en-default-for-other", "\"x\"", "pt", QUOTES_DOUBLE, "“x”");

    /* In the tree: across emphasis, never in code or autolinks. */
    char *s = first_block_text("---\ntitle: \"Het 'moment'\"\n---\n"
                               "\"*Zo'n* dag\" en `x = 'a' -- \"b\"` en "
                               "<https://example.org/a--b...c> en 's avonds.\n");
    CHECK_STR("tree-emphasis-code-autolink", s,
              "“Zo’n dag” en `x = 'a' -- \"b\"` en https://example.org/a--b...c en ’s avonds. "
              "| Het “moment”");
    g_free(s);
    s = first_block_text("---\ntitle: T\n---\n```\n'a' -- \"b\"...\n```\n");
    CHECK_STR("tree-code-block-untouched", s, " | T");
    g_free(s);
    CHECK_DONE();
}
