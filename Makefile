# folio - build, render the bundled issue, test.
# `make` installs missing Debian packages, builds ./folio and renders
# content/ to out/.  `make test` runs every test.  Nothing is rebuilt when
# nothing changed: every step below has real file targets.

PKGS      := libcmark-gfm yaml-0.1 glib-2.0 gio-2.0 pangocairo pangoft2 fontconfig \
             libxml-2.0 libzip cairo zlib harfbuzz harfbuzz-subset libpng libjpeg libqpdf lcms2
CC        ?= cc
CFLAGS    ?= -O2 -g
WARN      := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wno-unused-parameter
DEPS_OK   := build/.deps-build
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhyphen -lm
VERSION   := 0.1.0

CONTENT   ?= content
OUT       ?= out
SLUG      := dimensies

LIB_SRC   := $(sort $(filter-out src/main.c,$(wildcard src/*.c src/*/*.c)))
ISO639    := /usr/share/iso-codes/json/iso_639-3.json
GEN_SRC   := build/gen/lang_codes.c
LIB_OBJ   := $(LIB_SRC:src/%.c=build/obj/%.o) build/obj/gen/lang_codes.o
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=build/tests/%)
FONTS_OK  := fonts/.copied
SOURCES   := $(shell find $(CONTENT) styles -type f 2>/dev/null)

.PHONY: all test check bench proof clean deps test-deps fuzz install uninstall test-programs
FUZZ_SECONDS ?= 60

# `make` builds the test programs too (unit tests, test tools, fuzz
# targets), so `make test` only runs tests.
all: folio $(OUT)/$(SLUG).tree.txt $(OUT)/$(SLUG).epub $(OUT)/$(SLUG).pdf $(OUT)/$(SLUG)-press.pdf \
     test-programs

# The package check runs once per machine state: the stamp depends on the
# script, so a changed package list re-runs it.
$(DEPS_OK): scripts/install-deps.sh
	@mkdir -p build
	@scripts/install-deps.sh build
	@touch $@

$(FONTS_OK): fonts/fonts.list scripts/copy-fonts.sh $(DEPS_OK)
	@scripts/copy-fonts.sh fonts

build/obj/%.o: src/%.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(WARN) $(CFLAGS) -DFOLIO_VERSION='"$(VERSION)"' -Isrc $(PKG_CFLAGS) -MMD -MP -c $< -o $@

# The ISO 639 codes (language: checks), generated from Debian's iso-codes.
$(GEN_SRC): scripts/gen-iso639.sh $(DEPS_OK)
	@mkdir -p $(dir $@)
	@scripts/gen-iso639.sh $(ISO639) $@

build/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(WARN) $(CFLAGS) -Isrc -c $< -o $@

build/asan/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@$(CC) $(WARN) $(ASAN_FLAGS) -Isrc -c $< -o $@

build/libfolio.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

folio: build/obj/main.o build/libfolio.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

build/tests/%: tests/unit/%.c build/libfolio.a tests/unit/check.h
	@mkdir -p build/tests
	@echo "CC $<"
	@$(CC) $(WARN) $(CFLAGS) -Isrc -Itests/unit $(PKG_CFLAGS) -o $@ $< build/libfolio.a $(PKG_LIBS)

# The same program and unit tests built with AddressSanitizer and
# UndefinedBehaviorSanitizer: `make test` runs the suite with both builds.
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
ASAN_OBJ   := $(LIB_SRC:src/%.c=build/asan/obj/%.o) build/asan/obj/gen/lang_codes.o
ASAN_UNIT  := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)

build/asan/obj/%.o: src/%.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "CC (asan) $<"
	@$(CC) $(WARN) $(ASAN_FLAGS) -DFOLIO_VERSION='"$(VERSION)"' -Isrc $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/asan/libfolio.a: $(ASAN_OBJ)
	@rm -f $@
	@ar rcs $@ $^

build/asan/folio: build/asan/obj/main.o build/asan/libfolio.a
	$(CC) $(ASAN_FLAGS) -o $@ $^ $(PKG_LIBS)

build/asan/tests/%: tests/unit/%.c build/asan/libfolio.a tests/unit/check.h
	@mkdir -p build/asan/tests
	@$(CC) $(WARN) $(ASAN_FLAGS) -Isrc -Itests/unit $(PKG_CFLAGS) -o $@ $< build/asan/libfolio.a $(PKG_LIBS)

build/asan/tools/%: tests/tools/%.c build/asan/libfolio.a
	@mkdir -p build/asan/tools
	@$(CC) $(WARN) $(ASAN_FLAGS) -Isrc $(PKG_CFLAGS) -o $@ $< build/asan/libfolio.a $(PKG_LIBS)

# The libFuzzer targets (tests/fuzz/fuzz_*.c): clang with address and
# undefined sanitizers; each source compiled once for both targets.
FUZZ_CC    := clang
FUZZ_FLAGS := -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined -std=c11 -D_GNU_SOURCE
FUZZ_SRC   := $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_BIN   := $(FUZZ_SRC:tests/fuzz/%.c=build/fuzz/%)
FUZZ_OBJ   := $(LIB_SRC:src/%.c=build/fuzz/obj/%.o) build/fuzz/obj/gen/lang_codes.o

build/fuzz/obj/%.o: src/%.c $(DEPS_OK)
	@mkdir -p $(dir $@)
	@echo "CC (fuzz) $<"
	@$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -Isrc $(PKG_CFLAGS) -MMD -MP -c $< -o $@

build/fuzz/obj/gen/%.o: build/gen/%.c
	@mkdir -p $(dir $@)
	@$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -Isrc -c $< -o $@

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_issue.h $(FUZZ_OBJ)
	@mkdir -p build/fuzz
	@echo "CC (fuzz) $<"
	@$(FUZZ_CC) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc $(PKG_CFLAGS) -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)

# kept: make would delete them as intermediates of the pattern rule above
.SECONDARY: $(FUZZ_OBJ)

fuzz: $(DEPS_OK) build/.deps-test $(FUZZ_BIN)
	scripts/fuzz.sh $(FUZZ_SECONDS)

build/tools/%: tests/tools/%.c build/libfolio.a
	@mkdir -p build/tools
	@echo "CC $<"
	@$(CC) $(WARN) $(CFLAGS) -Isrc $(PKG_CFLAGS) -o $@ $< build/libfolio.a $(PKG_LIBS)

$(OUT)/$(SLUG).tree.txt: folio $(SOURCES)
	@mkdir -p $(OUT)
	./folio tree $(CONTENT) > $@.tmp && mv $@.tmp $@

# One run writes both editions (the EPUB's page-list comes from the PDF).
$(OUT)/$(SLUG).epub: folio $(SOURCES) $(FONTS_OK) fonts/fonts.conf
	./folio build $(CONTENT) -o $(OUT)

$(OUT)/$(SLUG).pdf $(OUT)/$(SLUG)-press.pdf: $(OUT)/$(SLUG).epub

test-deps: tests/node_modules/.installed

tests/node_modules/.installed: tests/package.json tests/package-lock.json build/.deps-test
	cd tests && ELECTRON_SKIP_BINARY_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 \
	  npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/.deps-test: scripts/install-deps.sh
	@mkdir -p build
	@scripts/install-deps.sh test
	@touch $@

TOOLS     := build/tools/cm_render build/tools/style_fuzz build/tools/ppm_diff build/tools/pam_cmyk_rgb build/tools/finish_time build/tools/mkimage

test-programs: $(UNIT_BIN) $(TOOLS) $(FUZZ_BIN)

# The fast loop: unit tests and tests/t_* with the normal build.
test: all test-deps $(UNIT_BIN) $(TOOLS)
	@tests/run.sh test

# The slow runs (CI runs them too, after make test): the sanitizer build of
# the same tests, and tests/slow/ (stress, kill, scale, the long fuzz run).
check: all test-deps $(UNIT_BIN) $(TOOLS) build/asan/folio $(ASAN_UNIT) $(TOOLS:build/%=build/asan/%)
	@tests/run.sh check

bench: all
	@scripts/bench.py

# Print pages, and the e-book as Chromium shows it at phone and tablet size.
proof: all test-deps
	./folio proof $(CONTENT) -o $(OUT)
	@rm -rf $(OUT)/epub-pages
	python3 scripts/epub_shots.py $(OUT)/$(SLUG).epub $(OUT)/epub-pages

clean:
	rm -rf build folio $(OUT)

# `make install PREFIX=/usr DESTDIR=/tmp/stage`: the program, the default
# style, the fonts (manifest, configuration and the copied files) and the
# manual.  folio finds share/folio from its own location (bindir/..), so
# the staged or moved tree works as it is.
PREFIX    ?= /usr/local
BINDIR    := $(PREFIX)/bin
DATADIR   := $(PREFIX)/share/folio
MANDIR    := $(PREFIX)/share/man/man1
DOCDIR    := $(PREFIX)/share/doc/folio
FONT_FILES = $(shell awk '!/^\#/ && NF >= 3 { n = split($$2, p, "/"); print "fonts/" p[n] }' fonts/fonts.list)

install: folio $(FONTS_OK)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/styles $(DESTDIR)$(DATADIR)/fonts \
	  $(DESTDIR)$(DATADIR)/fonts/cache $(DESTDIR)$(MANDIR) $(DESTDIR)$(DOCDIR)
	install -m 755 folio $(DESTDIR)$(BINDIR)/folio
	install -m 644 styles/*.ini $(DESTDIR)$(DATADIR)/styles/
	install -m 644 fonts/fonts.list fonts/fonts.conf $(FONT_FILES) $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 docs/folio.1 $(DESTDIR)$(MANDIR)/folio.1
	install -m 644 content/FORMAT.md README.md $(DESTDIR)$(DOCDIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/folio $(DESTDIR)$(MANDIR)/folio.1
	rm -rf $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)

-include $(LIB_OBJ:.o=.d) build/obj/main.d $(ASAN_OBJ:.o=.d) build/asan/obj/main.d $(FUZZ_OBJ:.o=.d)

# Measured typography of the print edition (loose, overfull and hyphenated
# lines, widows, orphans); peer PDFs of the same issue may follow: PEERS=...
typo-report: all
	python3 scripts/typo_report.py $(OUT)/$(SLUG).pdf $(PEERS)
