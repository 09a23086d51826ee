#pragma once

#include <cstddef>
#include <string_view>

namespace salesflow {

// One file of the web UI, compiled into the binary.
struct StaticAsset {
  std::string_view path;          // URL path, e.g. "/index.html", "/assets/index.js"
  std::string_view content_type;  // e.g. "text/html; charset=utf-8"
  std::string_view body;          // the bytes
};

// The web/dist files embedded at build time (src/server/embed_web_assets.cmake writes the
// table). Only these exact names are ever served: no file system path is built from a request.
const StaticAsset* FindStaticAsset(std::string_view path);

// Every embedded asset (for tests and the startup log).
const StaticAsset* StaticAssetsBegin();
const StaticAsset* StaticAssetsEnd();

}  // namespace salesflow
