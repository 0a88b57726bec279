/* epub_css_pictures.c - pictures in reflowable readers.
 *
 * A .wide figure takes the full width; an .inset floats beside the text at
 * the style's inset width, and takes the full width again on narrow
 * screens (under 30em), where a float would leave a column of a few
 * words; a byline portrait floats small beside the name.  Credits are
 * small capitals under the picture, as in print. */
#include "epub_book.h"

void epub_css_pictures(GString *css, const style *st)
{
    int inset = st->inset_width > 0 && st->inset_width < 100 ? st->inset_width : 40;
    g_string_append(css,
                    "\n\nfigure.wide, figure.bleed, header figure {\n  margin: 1em 0;\n"
                    "  width: 100%;\n}\n\n"
                    "figure.wide img, figure.bleed img, header figure img {\n  width: 100%;\n"
                    "  height: auto;\n}\n\n");
    g_string_append_printf(css,
                           "figure.inset {\n  float: right;\n  width: %d%%;\n"
                           "  margin: 0.3em 0 0.6em 1em;\n}\n\n"
                           "figure.inset.left {\n  float: left;\n  margin: 0.3em 1em 0.6em 0;\n"
                           "}\n\n"
                           "figure.inset img {\n  width: 100%%;\n  height: auto;\n}\n\n",
                           inset);
    g_string_append(css,
                    "div.byline figure.portrait {\n  float: left;\n  width: 5em;\n"
                    "  margin: 0 0.8em 0.4em 0;\n}\n\n"
                    "div.byline figure.portrait img {\n  width: 100%;\n  height: auto;\n}\n\n"
                    "div.byline::after {\n  content: \"\";\n  display: block;\n  clear: both;\n"
                    "}\n\n"
                    "small.credit {\n  display: block;\n  text-align: right;\n"
                    "  font-style: normal;\n  font-size: 0.7em;\n  letter-spacing: 0.06em;\n"
                    "  text-transform: uppercase;\n}\n\n"
                    "@media (max-width: 30em) {\n"
                    "  figure.inset, figure.inset.left {\n    float: none;\n    width: 100%;\n"
                    "    margin: 1em 0;\n  }\n}\n");
}
