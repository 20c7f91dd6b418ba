#pragma once

// How a command's catalog run ends, the same way for every command that
// keeps one (hash, verify, copy, download).

#include <hasher/catalog/catalog.hpp>
#include <hasher/pipeline/catalog_writer.hpp>

#include <cstdint>
#include <string>

namespace hasher::cli {

// interrupted when a stop signal came (`signal` != 0), failed after a fatal
// error (`fatal_message` not empty), else complete.
inline catalog::RunState ending_state(const std::string& fatal_message,
                                      int signal) {
  if (signal != 0) return catalog::RunState::interrupted;
  if (!fatal_message.empty()) return catalog::RunState::failed;
  return catalog::RunState::complete;
}

// Commits what `rows` still holds (when not null), whatever happened, then
// closes run `run_id` in its ending state. A fatal error of the commit
// becomes `fatal_message` unless one came before. Returns the stop signal
// (0: none).
int close_run(catalog::Catalog& catalog, std::int64_t run_id,
              pipeline::CatalogWriter* rows, std::string& fatal_message);

// The lines after a run's summary: that it resumed run `run` (when it did:
// `already_done` files were done, `read` read now), then "`count` files
// `what`" when there are any. Empty when there is nothing to say.
std::string run_tail(const catalog::RunInfo* run, std::uint64_t already_done,
                     std::uint64_t read, std::uint64_t count,
                     const std::string& what);

} // namespace hasher::cli
