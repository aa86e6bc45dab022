# chibo -- see README.md.  `make run` and `make test` are the two commands.
#
# Variants: `make SAN=1` builds into build-san/ with ASan+UBSan.

PKGS    := libmicrohttpd jansson libsodium icu-uc icu-i18n sqlite3 xlsxwriter libzip expat
CC      ?= cc

ifeq ($(SAN),1)
BUILD   := build-san
OPT     ?= -O1 -g
SANFLAGS := -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
else
BUILD   := build
OPT     ?= -O2 -g
endif

CFLAGS  := $(OPT) $(SANFLAGS) -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wvla \
           -Wstrict-prototypes -Wmissing-prototypes -Isrc -I$(BUILD)/gen \
           $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDFLAGS := $(SANFLAGS)
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -lpthread -lm

SRC     := $(sort $(wildcard src/*/*.c))
OBJ     := $(patsubst src/%.c,$(BUILD)/obj/%.o,$(SRC)) $(BUILD)/obj/gen/migrations.o
LIBOBJ  := $(filter-out $(BUILD)/obj/cli/main.o,$(OBJ))
UNIT    := $(patsubst tests/unit/%.c,$(BUILD)/unit/%,$(wildcard tests/unit/test_*.c))
DEPS    := $(OBJ:.o=.d)

.PHONY: all run test test-unit test-api test-e2e test-san deps web check-layers bench fuzz clean

all: $(BUILD)/chibo

$(BUILD)/chibo: $(BUILD)/obj/cli/main.o $(BUILD)/libchibo.a
	@echo "  LD    $@"
	@$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# Everything but main(), so unit tests link only what they use.
$(BUILD)/libchibo.a: $(LIBOBJ)
	@rm -f $@
	@ar rcs $@ $^

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

# Migrations are embedded in the binary: one C array of (name, sql).
$(BUILD)/gen/migrations.c: $(sort $(wildcard migrations/*.sql)) scripts/embed-migrations.sh
	@mkdir -p $(dir $@)
	sh scripts/embed-migrations.sh $(sort $(wildcard migrations/*.sql)) > $@

$(BUILD)/obj/gen/migrations.o: $(BUILD)/gen/migrations.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/unit/%: tests/unit/%.c $(BUILD)/libchibo.a
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(CFLAGS) $(shell pkg-config --cflags cmocka) $(LDFLAGS) -o $@ $< $(BUILD)/libchibo.a $(LDLIBS) $(shell pkg-config --libs cmocka)

-include $(DEPS)

deps:
	sh scripts/deps.sh

web: web/dist/index.html

web/dist/index.html: $(shell find web/src -type f 2>/dev/null) web/index.html web/vite.config.ts package.json
	npx vite build web --emptyOutDir --logLevel warn

run: deps all web
	sh scripts/run.sh

test-unit: $(UNIT)
	@set -e; for t in $(UNIT); do echo "== $$t"; $$t; done

test-api: all
	CHIBO_BIN=$(abspath $(BUILD)/chibo) node --test --test-concurrency=1 tests/api/

test-e2e: all web
	CHIBO_BIN=$(abspath $(BUILD)/chibo) node --test --test-concurrency=1 tests/e2e/

# ASan+UBSan: unit and API tests against the sanitized build.
test-san:
	$(MAKE) SAN=1 test-unit test-api

check-layers:
	sh scripts/check-layers.sh

test: deps
	$(MAKE) check-layers
	$(MAKE) all web
	$(MAKE) test-unit
	$(MAKE) test-api
	$(MAKE) test-e2e
	$(MAKE) test-san
	$(MAKE) fuzz FUZZ_SECONDS=20

# Fuzzing (clang + libFuzzer): `make fuzz` runs each harness for
# FUZZ_SECONDS (default 300); `make test` runs them briefly as a smoke test.
FUZZ_SECONDS ?= 300
FUZZ_CFLAGS := -g -O1 -std=c11 -D_GNU_SOURCE -Isrc -Ibuild-fuzz/gen \
	-fsanitize=fuzzer-no-link,address,undefined $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
FUZZ_OBJ := $(patsubst src/%.c,build-fuzz/obj/%.o,$(filter-out src/cli/main.c,$(SRC))) build-fuzz/obj/gen/migrations.o
FUZZERS := $(patsubst tests/fuzz/%.c,build-fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
.SECONDARY: $(FUZZ_OBJ)

build-fuzz/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CLANG $<"
	@clang $(FUZZ_CFLAGS) -c -o $@ $<

build-fuzz/gen/migrations.c: $(sort $(wildcard migrations/*.sql)) scripts/embed-migrations.sh
	@mkdir -p $(dir $@)
	@sh scripts/embed-migrations.sh $(sort $(wildcard migrations/*.sql)) > $@

build-fuzz/obj/gen/migrations.o: build-fuzz/gen/migrations.c
	@mkdir -p $(dir $@)
	@clang $(FUZZ_CFLAGS) -c -o $@ $<

build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_OBJ)
	@echo "  CLANG $<"
	@clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

fuzz: $(FUZZERS)
	@set -e; for f in $(FUZZERS); do n=$$(basename $$f | sed 's/fuzz_//'); \
		mkdir -p build-fuzz/corpus/$$n; \
		echo "== $$f ($(FUZZ_SECONDS) s)"; \
		if ! $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1 \
			-artifact_prefix=build-fuzz/ build-fuzz/corpus/$$n tests/fuzz/corpus/$$n \
			> build-fuzz/$$n.log 2>&1; then cat build-fuzz/$$n.log; exit 1; fi; \
		grep -E "stat::(number_of_executed_units|new_units_added)" build-fuzz/$$n.log; done; \
	echo "fuzz: $(words $(FUZZERS)) passed, 0 failed"

bench: all
	sh bench/run.sh

clean:
	rm -rf build build-san build-fuzz web/dist
