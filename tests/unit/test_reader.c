/* test_reader.c - each construct of the source format, read into the tree,
 * checked through the tree dump (the same text `folio tree` prints). */
#include <glib.h>
#include <string.h>

#include "check.h"
#include "diag.h"
#include "reader.h"
#include "tree_dump.h"
#include "xhtml.h"

static char *dump_article(const char *md, diag_list *d)
{
    node *a = reader_read_article("t.md", md, strlen(md), d);
    GString *s = g_string_new(NULL);
    tree_dump(a, s);
    tree_free(a);
    return g_string_free(s, FALSE);
}

/* The dump contains want; on failure show the dump. */
static void expect_dump(const char *name, const char *md, const char *want)
{
    diag_list d;
    diag_list_init(&d);
    char *got = dump_article(md, &d);
    bool ok = strstr(got, want) != NULL;
    CHECK(name, ok);
    if (!ok)
        printf("  want substring:\n%s\n  dump:\n%s\n", want, got);
    g_free(got);
    diag_list_free(&d);
}

static void expect_diag(const char *name, const char *md, const char *want)
{
    diag_list d;
    diag_list_init(&d);
    char *got = dump_article(md, &d);
    GString *all = g_string_new(NULL);
    for (size_t i = 0; i < d.count; i++) {
        char *s = diag_format(&d.items[i]);
        g_string_append_printf(all, "%s\n", s);
        free(s);
    }
    bool ok = strstr(all->str, want) != NULL;
    CHECK(name, ok);
    if (!ok)
        printf("  want: %s\n  got:\n%s", want, all->str);
    g_string_free(all, TRUE);
    g_free(got);
    diag_list_free(&d);
}

#define FM "---\ntitle: T\n---\n\n"

int main(void)
{
    expect_dump("front matter", "---\ntitle: De titel\nrubric: Het moment\nsubtitle: Sub\n"
                "authors: [A B, C D]\ntype: interview\ncover: true\ncolumns: 1\n---\n\nx\n",
                "type=interview rubric=\"Het moment\" title=\"De titel\" subtitle=\"Sub\" "
                "author=\"A B\" author=\"C D\" cover columns=1");
    expect_dump("lead with inline markup", "---\ntitle: T\nlead: Een *lead*\n---\n\nx\n",
                "  Lead 3:7\n    Str 3:7 \"Een \"\n    Emph 3:7\n");
    expect_dump("paragraph position", FM "Hallo wereld.\n", "  Para 5:1\n    Str 5:1 \"Hallo wereld.\"");
    expect_dump("heading level and id", FM "## Één plus één\n",
                "Heading 5:1 level=2 id=\"een-plus-een\"");
    expect_dump("emphasis strong strike code", FM "*a* **b** ~~c~~ `d`\n",
                "    Emph 5:1\n      Str 5:2 \"a\"\n    Str 5:4 \" \"\n    Strong 5:5\n");
    expect_dump("strikethrough", FM "~~weg~~\n", "    Strikeout 5:1");
    expect_dump("link", FM "[ecbo](https://ecbo.nl \"site\")\n",
                "Link 5:1 url=\"https://ecbo.nl\" title=\"site\"");
    expect_dump("autolink", FM "Zie www.ecbo.nl nu\n", "Link");
    expect_dump("bullet list tight", FM "- a\n- b\n", "List 5:1 bullet tight");
    expect_dump("ordered list loose", FM "3. a\n\n4. b\n", "List 5:1 ordered start=3 delim=. loose");
    expect_dump("code block", FM "```c\nint x;\n```\n", "CodeBlock 5:1 info=\"c\" \"int x;\\n\"");
    expect_dump("block quote", FM "> q\n", "BlockQuote 5:1");
    expect_dump("thematic break", FM "a\n\n---\n\nb\n", "ThematicBreak 7:1");
    expect_dump("table with alignment", FM "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n",
                "Table 5:1 align=left,center,right\n    Row 5:1 header\n");
    expect_dump("figure", FM "![Een foto](images/x.png \"Bijschrift\")\n",
                "Figure 5:1 url=\"images/x.png\" alt=\"Een foto\" title=\"Bijschrift\"\n"
                "    Str 5:1 \"Bijschrift\"");
    expect_dump("inline image stays inline", FM "tekst ![a](b.png) tekst\n", "    Image 5:7");
    expect_dump("footnotes numbered in order", FM "Een[^b] twee[^a].\n\n[^a]: A.\n[^b]: B.\n",
                "NoteRef 5:4 number=1 label=\"b\"");
    expect_dump("footnote definitions at end", FM "Een[^b] twee[^a].\n\n[^a]: A.\n[^b]: B.\n",
                "  Note 8:1 number=1 label=\"b\"\n    Para");
    expect_dump("pull quote with attribution",
                FM "::: pullquote\nSamen kom je verder.\n\n— Jan Jansen\n:::\n",
                "  PullQuote 5:1\n    Para 6:1\n      Str 6:1 \"Samen kom je verder.\"\n"
                "    Attribution 8:1\n      Str 8:1 \"Jan Jansen\"");
    expect_dump("byline name and role",
                FM "::: byline\n**Joost Franssen**\nProgrammamanager\nKennisverspreiding\n:::\n",
                "  Byline 5:1\n    BylineName 6:1\n      Str 6:3 \"Joost Franssen\"\n"
                "    BylineRole 7:1\n      Str 7:1 \"Programmamanager\"\n      LineBreak");
    expect_dump("sidebar", FM "::: sidebar\n## Kader\n\nTekst.\n:::\n",
                "  Sidebar 5:1\n    Heading 6:1 level=2 id=\"kader\"");
    expect_dump("fence inside code is code", FM "```\n::: pullquote\n```\n",
                "CodeBlock 5:1 \"::: pullquote\\n\"");
    expect_dump("sup sub span lang", FM "x<sup>2</sup> H<sub>2</sub>O <span lang=\"en\">human touch</span>\n",
                "    Superscript 5:2\n      Str 5:7 \"2\"");
    expect_dump("span lang", FM "<span lang=\"en\">human</span>\n", "Span 5:1 lang=\"en\"");
    expect_dump("br", FM "a<br>b\n", "    LineBreak 5:2");
    expect_diag("heading one demoted", FM "# Kop\n",
                "t.md:5:1: warning: `#` is the article title");
    expect_diag("unknown div", FM "::: kader\nx\n:::\n", "t.md:5:5: error: unknown block `::: kader`");
    expect_diag("nested divs", FM "::: sidebar\n::: pullquote\nx\n:::\n",
                "t.md:6:1: error: `::: pullquote` inside another block");
    expect_diag("stray fence", FM "x\n\n:::\n", "t.md:7:1: error: `:::` closes no open block");
    expect_diag("script dropped", FM "a <script>x</script> b\n",
                "t.md:5:3: warning: raw HTML <script> is not allowed and was dropped with its content");
    expect_diag("type unknown", "---\ntitle: T\ntype: essay\n---\n\nx\n", "t.md:3:7: error: unknown type `essay`");
    expect_diag("cover not bool", "---\ntitle: T\ncover: maybe\n---\n\nx\n",
                "t.md:3:8: error: `cover` must be true or false");
    expect_diag("front matter not closed", "---\ntitle: T\n\nx\n",
                "t.md:1:1: error: front matter opened with `---` is never closed");
    expect_diag("deep nesting refused", FM
                ">>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>>> x\n",
                "error: block quote nested deeper than 30 levels");
    /* XHTML of a figure and a note, as the EPUB will carry them. */
    {
        const char *md = FM "Tekst[^n].\n\n[^n]: Noot.\n";
        diag_list d;
        diag_list_init(&d);
        node *a = reader_read_article("t.md", md, strlen(md), &d);
        char *html = xhtml_body_fragment(a);
        CHECK("xhtml noteref", strstr(html, "role=\"doc-noteref\"") && strstr(html, "href=\"#note-1\""));
        g_free(html);
        tree_free(a);
        diag_list_free(&d);
    }
    CHECK_DONE();
}
