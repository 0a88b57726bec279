/* pdf_stub.c - placeholder until the PDF backend lands (delete then). */
#include "pdf/pdf.h"
pdf_document *pdf_layout_issue(const node *issue, const style *st, const pdf_options *o,
                               page_map *pages, diag_list *d)
{
    src_pos p = {"pdf", 0, 0};
    diag_error(d, p, "PDF backend not built yet");
    return NULL;
}
bool pdf_write(pdf_document *doc, const char *path, diag_list *d) { return false; }
bool pdf_render_page_png(pdf_document *doc, int page, double dpi, unsigned char **png,
                         size_t *len, diag_list *d) { return false; }
bool pdf_write_proofs(pdf_document *doc, const char *dir, const char *sheet_path,
                      diag_list *d) { return false; }
int pdf_page_count(const pdf_document *doc) { return 0; }
void pdf_document_free(pdf_document *doc) {}
