#include <hasher/cli/run_state.hpp>

#include <hasher/cli/signals.hpp>
#include <hasher/ui/summary.hpp>
#include <hasher/util/errors.hpp>

namespace hasher::cli {

int close_run(catalog::Catalog& catalog, std::int64_t run_id,
              pipeline::CatalogWriter* rows, std::string& fatal_message) {
  if (rows != nullptr) {
    try {
      rows->finish();
    } catch (const util::FatalError& error) {
      if (fatal_message.empty()) fatal_message = error.what();
    }
  }
  int signal = stop_signal();
  catalog.finish_run(run_id, ending_state(fatal_message, signal));
  return signal;
}

std::string run_tail(const catalog::RunInfo* run, std::uint64_t already_done,
                     std::uint64_t read, std::uint64_t count,
                     const std::string& what) {
  std::string text;
  if (run != nullptr && run->resumed) {
    text += ui::resumed_line(run->id, already_done, read);
  }
  if (count > 0) {
    if (!text.empty()) text += "\n";
    text += "hasher: " + std::to_string(count) + " files " + what;
  }
  return text;
}

} // namespace hasher::cli
