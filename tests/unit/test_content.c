/* test_content.c - the content-stream tokeniser and the finishing pass's
 * two rewrites (artifacts for the reading edition, CMYK for the press
 * edition), on hand-written streams. */
#include <glib.h>
#include <string.h>

#include "check.h"
#include "finish/content_edit.h"
#include "finish/content_policies.h"
#include "finish/content_tokens.h"
#include "finish/press_colour.h"

static GString *kinds_of(const char *s)
{
    ct_reader r;
    ct_init(&r, (const unsigned char *)s, strlen(s));
    GString *k = g_string_new(NULL);
    static const char code[] = "EN/SH[]<>OIB";
    for (;;) {
        ct_token t = ct_next(&r);
        g_string_append_c(k, code[t.kind]);
        if (t.kind == CT_END)
            break;
    }
    return k;
}

static void check_tokens(void)
{
    GString *k = kinds_of("1 0 0 -1 0 841.9 cm /F1 9.5 Tf [(a\\)b) -20 <0041>] TJ");
    CHECK_STR("tokens: numbers, names, strings with escapes, arrays, hex", k->str,
              "NNNNNNO/NO[SNH]OE");
    g_string_free(k, TRUE);
    k = kinds_of("(nested (parens) ok) Tj % a comment ( not a string\n<< /MCID 3 >> BDC");
    CHECK_STR("tokens: nested parentheses, comments skipped, dictionaries", k->str, "SO</N>OE");
    g_string_free(k, TRUE);
    /* inline image data that looks like operators is one token */
    const char *img = "BI /W 2 /H 1 /CS /RGB /BPC 8 ID \x01rg BT) EI Q";
    k = kinds_of(img);
    CHECK_STR("tokens: inline image is one token, data never read as operators", k->str, "IOE");
    g_string_free(k, TRUE);
    k = kinds_of(") -.5 +3 x");
    CHECK_STR("tokens: a stray ) is bad, signs and leading dots are numbers", k->str, "BNNOE");
    g_string_free(k, TRUE);
    k = kinds_of("(unclosed");
    CHECK_STR("tokens: an unclosed string is bad and ends", k->str, "BE");
    g_string_free(k, TRUE);
}

static char *artifacts(const char *s)
{
    GString *out = g_string_new(NULL);
    content_mark_artifacts((const unsigned char *)s, strlen(s), NULL, out);
    return g_string_free(out, FALSE);
}

/* Words separated by single spaces, for comparing streams. */
static char *squash(const char *s)
{
    char **w = g_strsplit_set(s, " \n\t", -1);
    GString *o = g_string_new(NULL);
    for (int i = 0; w[i]; i++)
        if (*w[i])
            g_string_append_printf(o, "%s%s", o->len ? " " : "", w[i]);
    g_strfreev(w);
    return g_string_free(o, FALSE);
}

/* The artifact rewrite of in, squashed, is want. */
static void check_art(const char *name, const char *in, const char *want)
{
    char *a = artifacts(in);
    char *sq = squash(a);
    CHECK_STR(name, sq, want);
    g_free(a);
    g_free(sq);
}

static void check_artifacts(void)
{
    check_art("artifacts: untagged painting wrapped, tagged content untouched",
              "q 0 0 1 rg 0 0 10 10 re f Q /P <</MCID 0>> BDC BT (x) Tj ET EMC",
              "q 0 0 1 rg /Artifact BMC 0 0 10 10 re f EMC Q /P <</MCID 0>> BDC BT (x) Tj ET EMC");
    check_art("artifacts: text after a tagged sequence inside BT closes before ET",
              "/P <</MCID 0>> BDC BT (x) Tj EMC (y) Tj ET",
              "/P <</MCID 0>> BDC BT (x) Tj EMC /Artifact BMC (y) Tj EMC ET");
    check_art("artifacts: untagged ActualText span goes inside the artifact; closes at a tagged BDC",
              "BT /Span <</ActualText <FEFF0065>>> BDC (e) Tj EMC ET /H1 <</MCID 1>> BDC BT (t) Tj ET EMC",
              "/Artifact BMC BT /Span <</ActualText <FEFF0065>>> BDC (e) Tj EMC ET EMC "
              "/H1 <</MCID 1>> BDC BT (t) Tj ET EMC");
    check_art("artifacts: a span inside tagged content stays as it is",
              "/P <</MCID 0>> BDC BT /Span <</ActualText <FEFF0065>>> BDC (e) Tj EMC ET EMC",
              "/P <</MCID 0>> BDC BT /Span <</ActualText <FEFF0065>>> BDC (e) Tj EMC ET EMC");
    check_art("artifacts: closed at the end of the stream", "0 0 m 5 5 l S",
              "/Artifact BMC 0 0 m 5 5 l S EMC");
    check_art("artifacts: an inline image is painting", "q BI /W 1 /H 1 ID x EI Q",
              "q /Artifact BMC BI /W 1 /H 1 ID x EI EMC Q");
    check_art("artifacts: each text object an artifact of its own, a rule another",
              "BT (a) Tj ET BT (b) Tj ET 0 0 m 5 5 l S",
              "/Artifact BMC BT (a) Tj ET EMC /Artifact BMC BT (b) Tj ET EMC /Artifact BMC 0 0 m 5 5 l S EMC");

    /* a page 800 high, its head band 770-790 and foot band 10-30, drawn
     * the way cairo draws: y flipped by the CTM, text placed by Tm and Td */
    finish_bands bands = {.head_y0 = 770, .head_y1 = 790, .foot_y0 = 10, .foot_y1 = 30};
    const char *in = "1 0 0 -1 0 800 cm q BT 7 0 0 -7 50 20 Tm (Head) Tj ET "
                     "BT 8 0 0 -8 50 765 Tm 0 -1 Td (7) Tj ET 50 25 m 500 25 l S Q "
                     "BT 9 0 0 -9 50 400 Tm (x) Tj ET BT 7 0 0 -7 50 20 Tm (a) Tj 0 -60 Td (b) Tj ET";
    GString *out = g_string_new(NULL);
    content_mark_artifacts((const unsigned char *)in, strlen(in), &bands, out);
    char *sq = squash(out->str);
    CHECK_STR("artifacts: the running head a pagination header, the folio a footer, the rule, "
              "text elsewhere and text in both bands plain artifacts", sq,
              "1 0 0 -1 0 800 cm q /Artifact <</Type /Pagination /Subtype /Header>> BDC "
              "BT 7 0 0 -7 50 20 Tm (Head) Tj ET EMC "
              "/Artifact <</Type /Pagination /Subtype /Footer>> BDC "
              "BT 8 0 0 -8 50 765 Tm 0 -1 Td (7) Tj ET EMC /Artifact BMC 50 25 m 500 25 l S EMC Q "
              "/Artifact BMC BT 9 0 0 -9 50 400 Tm (x) Tj ET EMC "
              "/Artifact BMC BT 7 0 0 -7 50 20 Tm (a) Tj 0 -60 Td (b) Tj ET EMC");
    g_free(sq);
    g_string_free(out, TRUE);
}

static void check_cmyk(press_palette *pal)
{
    const char *in = "q 0.109804 0.109804 0.109804 rg BT (x) Tj ET 0 0.392157 0.439216 RG "
                     "1 0 0 rg 0 0 m S Q 0.5 g /DeviceRGB cs 0.2 0.3 0.4 sc";
    GString *out = g_string_new(NULL);
    bool used[4] = {false, false, false, false};
    content_to_cmyk((const unsigned char *)in, strlen(in), pal, out, used);
    char *sq = squash(out->str);
    CHECK("cmyk: near-black fill is 100 K", strstr(sq, "q 0 0 0 1 k /FolioOP10 gs BT") != NULL);
    CHECK("cmyk: the accent stroke is its style CMYK",
          strstr(sq, "1 0.2 0.35 0.4 K") != NULL);
    CHECK("cmyk: overprint off again after a non-black fill",
          strstr(sq, "/FolioOP00 gs 0 0 m S") != NULL);
    GString *o2 = g_string_new(NULL);
    const char *in2 = "q 0 0 0 rg (a) Tj Q 0 0 0 rg (b) Tj";
    content_to_cmyk((const unsigned char *)in2, strlen(in2), pal, o2, used);
    char *sq2 = squash(o2->str);
    CHECK_STR("cmyk: Q restores the overprint state, so black after it sets it again", sq2,
              "q 0 0 0 1 k /FolioOP10 gs (a) Tj Q 0 0 0 1 k /FolioOP10 gs (b) Tj");
    g_free(sq2);
    g_string_free(o2, TRUE);
    CHECK("cmyk: no rg, RG or g left", !strstr(sq, " rg") && !strstr(sq, " RG") &&
          !strstr(sq, " g ") && !strstr(sq, "DeviceRGB"));
    CHECK("cmyk: DeviceRGB cs becomes DeviceCMYK and sc gets four numbers",
          strstr(sq, "/DeviceCMYK cs") && g_str_has_suffix(sq, " sc"));
    CHECK("cmyk: states used recorded", used[2] && used[0]);
    g_free(sq);
    g_string_free(out, TRUE);
}

int main(void)
{
    check_tokens();
    check_artifacts();
    diag_list d;
    diag_list_init(&d);
    src_pos at = {"test", 0, 0};
    press_profile *p = press_profile_load(PRESS_DEFAULT_PROFILE, at, &d);
    CHECK("default profile loads", p != NULL);
    if (p) {
        style *st = style_new_default();
        st->accent.has_cmyk = true;
        double acc[4] = {1, 0.2, 0.35, 0.4};
        memcpy(st->accent.cmyk, acc, sizeof acc);
        press_palette *pal = press_palette_new(st, p);
        check_cmyk(pal);
        double rgb[3] = {1, 0, 0}, c[4];
        bool k = press_palette_cmyk(pal, rgb, c);
        CHECK("palette: red through the profile is mostly M and Y, not 100 K",
              !k && c[1] > 0.5 && c[2] > 0.5 && c[0] < 0.3);
        press_palette_free(pal);
        style_free(st);
        press_profile_free(p);
    }
    diag_list_free(&d);
    CHECK_DONE();
}
