/*
 * kansa plugin ABI: the whole contract between the kansa host and a plugin.
 *
 * Pure C. No C++ or third-party types cross this boundary. A plugin is a shared library
 * that exports exactly one symbol, `kansa_plugin_entry`, returning a pointer to a static
 * descriptor. The host checks the descriptor (ABI major equal, minor not newer, struct size,
 * no empty required fields) before it calls anything else.
 *
 * Ownership is in the names: `host_ctx` pointers belong to the host and are only passed
 * back to host callbacks; `instance` pointers belong to the plugin and are released with
 * `destroy`. Strings handed to a callback are borrowed for the duration of the call only.
 *
 * Errors cross the boundary as `kansa_status` values plus a message written into a
 * host-owned `kansa_error`; a plugin never lets a C++ exception escape.
 *
 * Coordinates: PDF points (1/72 in), origin at the top-left corner of the page as
 * displayed (page rotation applied), y growing downwards.
 */
#ifndef KANSA_PLUGIN_ABI_H
#define KANSA_PLUGIN_ABI_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KANSA_ABI_MAJOR 1u
#define KANSA_ABI_MINOR 2u
#define KANSA_PLUGIN_ENTRY_SYMBOL "kansa_plugin_entry"

#if defined(__GNUC__)
#define KANSA_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define KANSA_PLUGIN_EXPORT
#endif

typedef enum kansa_status {
  KANSA_OK = 0,
  KANSA_ERR_INVALID_ARGUMENT = 1, /* bad option value, bad input data */
  KANSA_ERR_IO = 2,               /* file missing or unreadable */
  KANSA_ERR_PARSE = 3,            /* input is not what it claims (not a PDF, broken) */
  KANSA_ERR_UNSUPPORTED = 4,      /* valid input the plugin cannot handle (encrypted) */
  KANSA_ERR_RESOURCE = 5,         /* over a budget: pages, pixels, memory */
  KANSA_ERR_INTERNAL = 6,         /* a bug or unexpected library failure */
  KANSA_ERR_ABORTED = 7           /* the host asked to stop (a sink returned non-OK) */
} kansa_status;

typedef enum kansa_plugin_kind {
  KANSA_KIND_EXTRACTOR = 1, /* file -> pages (text spans, ruling lines) */
  KANSA_KIND_TABLES = 2,    /* pages -> tables */
  KANSA_KIND_OCR = 3        /* file + page numbers -> pages read from their images (ABI 1.1) */
} kansa_plugin_kind;

/* Host-owned buffer a plugin writes a human-readable reason into on failure. */
typedef struct kansa_error {
  char message[1024];
} kansa_error;

typedef struct kansa_box {
  double x0, y0, x1, y1; /* x0 <= x1, y0 <= y1 */
} kansa_box;

/* One glyph (or a short run of glyphs) of text with its box. */
typedef struct kansa_span {
  const char* text; /* UTF-8, as the source gives it (not normalized) */
  kansa_box box;
  double font_size;  /* points */
  double confidence; /* 0..1; 1.0 for a trusted text layer */
} kansa_span;

/* A ruling line: a stroked segment or a thin filled rectangle, as a box. A horizontal
 * rule has a small height, a vertical one a small width. An extractor may also report a
 * filled area (cell background, table band) this way: a box thick both ways, whose edges a
 * consumer may or may not take for grid lines. */
typedef struct kansa_rule {
  kansa_box box;
} kansa_rule;

typedef enum kansa_text_layer {
  KANSA_TEXT_LAYER_USABLE = 0,
  KANSA_TEXT_LAYER_ABSENT = 1,  /* no text at all (scan) */
  KANSA_TEXT_LAYER_UNUSABLE = 2 /* text present but not trustworthy */
} kansa_text_layer;

/* A page as the host hands it to a TABLES plugin (read-only, host-owned). */
typedef struct kansa_page_view {
  int32_t number; /* 1-based */
  double width, height;
  int32_t rotation; /* degrees, 0/90/180/270, already applied to coordinates */
  const kansa_span* spans;
  size_t span_count;
  const kansa_rule* rules;
  size_t rule_count;
  int32_t text_layer; /* kansa_text_layer */
} kansa_page_view;

/* One anchor cell of a table. A merged cell is given once, at its top-left slot. */
typedef struct kansa_cell {
  int32_t row, col;
  int32_t rowspan, colspan; /* >= 1 */
  int32_t page;             /* page of the cell's first part */
  int32_t last_page;        /* page of its last part (== page unless broken across pages) */
  kansa_box box;            /* box on `page` */
  const char* text;         /* UTF-8, lines joined with '\n' in reading order */
  double confidence;
} kansa_cell;

/* Host callbacks an EXTRACTOR calls, in order: begin_page, then any add_span/add_rule,
 * then set_text_layer, for each page. A non-OK return means "stop": the plugin returns
 * KANSA_ERR_ABORTED promptly. */
typedef struct kansa_page_sink {
  void* host_ctx;
  kansa_status (*begin_page)(void* host_ctx, int32_t number, double width, double height,
                             int32_t rotation);
  kansa_status (*add_span)(void* host_ctx, const kansa_span* span);
  kansa_status (*add_rule)(void* host_ctx, const kansa_rule* rule);
  kansa_status (*set_text_layer)(void* host_ctx, int32_t verdict /* kansa_text_layer */,
                                 const char* reason);
} kansa_page_sink;

/* Host callbacks a TABLES plugin calls: begin_table, then add_cell for each anchor cell. */
typedef struct kansa_table_sink {
  void* host_ctx;
  kansa_status (*begin_table)(void* host_ctx, const int32_t* pages, size_t page_count, int32_t rows,
                              int32_t cols, double confidence);
  kansa_status (*add_cell)(void* host_ctx, const kansa_cell* cell);
} kansa_table_sink;

/* Host callback a plugin calls once with a rendered page image (ABI 1.2, render_page). The
 * bytes are a complete PNG file, borrowed for the duration of the call. */
typedef struct kansa_image_sink {
  void* host_ctx;
  kansa_status (*write_png)(void* host_ctx, int32_t width_px, int32_t height_px,
                            const unsigned char* png, size_t size);
} kansa_image_sink;

/* Option as configured by the pipeline definition: strings, parsed by the plugin. */
typedef struct kansa_option {
  const char* key;
  const char* value;
} kansa_option;

typedef enum kansa_option_type {
  KANSA_OPT_STRING = 0,
  KANSA_OPT_INT = 1,
  KANSA_OPT_DOUBLE = 2,
  KANSA_OPT_BOOL = 3
} kansa_option_type;

/* Declared option. The host rejects keys not declared here before calling create(). */
typedef struct kansa_option_spec {
  const char* name;
  int32_t type; /* kansa_option_type */
  const char* default_value;
  const char* description;
} kansa_option_spec;

typedef struct kansa_plugin_descriptor {
  uint32_t abi_major;   /* KANSA_ABI_MAJOR the plugin was built against */
  uint32_t abi_minor;   /* KANSA_ABI_MINOR the plugin was built against */
  uint32_t struct_size; /* sizeof(kansa_plugin_descriptor) as the plugin saw it */
  int32_t kind;         /* kansa_plugin_kind */
  const char* name;     /* short, unique: "pdftext" */
  const char* version;  /* the plugin's own version: "1.0.0" */
  const char* description;
  const char* library_version; /* third-party library it wraps, e.g. "poppler 22.12.0" */
  const kansa_option_spec* options;
  size_t option_count;

  /* Validates options once and creates a reusable instance (the factory). Options not
   * given take their declared default. On failure returns non-OK, fills *error and leaves
   * *instance NULL. Does no document work. */
  kansa_status (*create)(const kansa_option* options, size_t option_count, void** instance,
                         kansa_error* error);
  void (*destroy)(void* instance);

  /* KANSA_KIND_EXTRACTOR: reads the file at `path` and reports its pages to `sink`. */
  kansa_status (*extract)(void* instance, const char* path, const kansa_page_sink* sink,
                          kansa_error* error);

  /* KANSA_KIND_TABLES: rebuilds the tables of `pages` (the whole document, in order) and
   * reports them to `sink`. Tables continuing across pages are reported once. */
  kansa_status (*build_tables)(void* instance, const kansa_page_view* pages, size_t page_count,
                               const kansa_table_sink* sink, kansa_error* error);

  /* KANSA_KIND_OCR (ABI 1.1): renders the listed pages (1-based, ascending) of the file at
   * `path` and reports each of them to `sink` like an extractor does, with recognition
   * confidences on the spans and the ruling lines found in the image. Pages not listed are
   * not reported. */
  kansa_status (*recognize)(void* instance, const char* path, const int32_t* pages,
                            size_t page_count, const kansa_page_sink* sink, kansa_error* error);

  /* Optional, any kind (ABI 1.2; NULL when the plugin cannot render, and always NULL in a
   * plugin built for 1.0 or 1.1, where this was a reserved slot): renders page `page`
   * (1-based) of the file at `path` as displayed (its /Rotate applied, crop box), at `dpi`
   * pixels per inch both ways, and hands it to `sink` as a PNG. Pixel (0, 0) is the page's
   * top-left corner, so a point (x, y) of this header's coordinates is pixel
   * (x * dpi / 72, y * dpi / 72). A page over the plugin's pixel budget at that resolution
   * is refused with KANSA_ERR_RESOURCE. */
  kansa_status (*render_page)(void* instance, const char* path, int32_t page, double dpi,
                              const kansa_image_sink* sink, kansa_error* error);

  void* reserved[6]; /* must be NULL; room for minor-version additions */
} kansa_plugin_descriptor;

typedef const kansa_plugin_descriptor* (*kansa_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* KANSA_PLUGIN_ABI_H */
