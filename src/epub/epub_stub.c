/* epub_stub.c - placeholder until the EPUB backend lands (delete then). */
#include "epub/epub.h"
bool epub_write_issue(const node *issue, const style *st, const epub_options *o,
                      const char *path, diag_list *d)
{
    src_pos p = {path, 0, 0};
    diag_error(d, p, "EPUB backend not built yet");
    return false;
}
