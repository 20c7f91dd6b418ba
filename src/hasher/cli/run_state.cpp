#include <hasher/cli/run_state.hpp>

#include <hasher/cli/signals.hpp>
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

} // namespace hasher::cli
