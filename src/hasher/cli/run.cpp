#include <hasher/cli/run.hpp>

#include <hasher/cli/command_line.hpp>
#include <hasher/cli/commands.hpp>
#include <hasher/cli/exit_codes.hpp>
#include <hasher/config/config_file.hpp>
#include <hasher/config/settings.hpp>
#include <hasher/net/http_client.hpp>
#include <hasher/util/errors.hpp>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>

namespace hasher::cli {
namespace {

constexpr std::string_view k_usage =
    "usage: hasher COMMAND [OPTIONS] [PATH...]\n"
    "\n"
    "commands:\n"
    "  hash        hash files and trees ('-' = standard input)\n"
    "  verify      re-hash and compare with the catalog, or -c FILE with\n"
    "              checksum files (GNU, BSD, SFV, hashdeep, jsonl)\n"
    "  export      write catalog rows as checksum files\n"
    "  dupes       list (or hard-link) duplicate files from the catalog\n"
    "  copy        copy SRC... into DEST while hashing (read once)\n"
    "  download    download URLs (or @FILE lists) into DEST while hashing\n"
    "  algorithms  list the algorithms\n"
    "  config      print the effective configuration as TOML\n"
    "\n"
    "options:\n";

void print_help() {
  std::string text(k_usage);
  for (const config::Setting& setting : config::all_settings()) {
    if (setting.long_flags.empty() && setting.short_flag == 0) continue;
    std::string flags;
    if (setting.short_flag != 0) {
      flags += '-';
      flags += setting.short_flag;
      flags += ", ";
    }
    flags += setting.long_flags;
    if (flags.size() < 30) flags.resize(30, ' ');
    text += "  " + flags + " " + std::string(setting.help) + "\n";
  }
  std::fwrite(text.data(), 1, text.size(), stdout);
}

// The --config value, else HASHER_CONFIG, else none.
std::optional<std::string> explicit_config_path(const CommandLine& line) {
  std::optional<std::string> path;
  if (const char* env = std::getenv("HASHER_CONFIG"); env && *env) path = env;
  for (const auto& [setting, value] : line.options) {
    if (setting->name == "cli.config") path = value;
  }
  return path;
}

// defaults < file < environment < command line.
config::Config layer_configuration(const CommandLine& line,
                                   ui::Reporter& reporter) {
  config::Config config;
  if (std::optional<std::string> path =
          config::find_config_file(explicit_config_path(line))) {
    config::ConfigFile file = config::read_config_file(*path);
    for (const std::string& warning : file.warnings) {
      reporter.warning("config", warning);
    }
    config::apply_config_file(file, config);
  }
  for (const config::Setting& setting : config::all_settings()) {
    if (setting.env.empty()) continue;
    if (const char* value = std::getenv(std::string(setting.env).c_str())) {
      if (*value != '\0') config.set(setting, value, std::string(setting.env));
    }
  }
  for (std::size_t i = 0; i < line.options.size(); ++i) {
    config.set(*line.options[i].first, line.options[i].second,
               line.flags_used[i]);
  }
  return config;
}

ui::Verbosity verbosity_of(const config::Config& config) {
  if (config.flag("options.quiet")) return ui::Verbosity::quiet;
  if (config.flag("options.verbose")) return ui::Verbosity::verbose;
  return ui::Verbosity::normal;
}

} // namespace

int run(int argc, const char* const* argv) {
  ui::Reporter fallback(ui::Verbosity::normal);
  try {
    CommandLine line = parse_command_line(argc, argv);
    // A download's first connection waits for libcurl: its loading starts
    // here, beside the configuration and the command's own start-up.
    std::optional<net::LibraryWarmUp> curl_warm_up;
    if (line.command == "download") curl_warm_up.emplace();
    config::Config config = layer_configuration(line, fallback);
    if (config.flag("cli.version")) {
      std::printf("hasher %s\n", HASHER_VERSION);
      return k_exit_ok;
    }
    if (config.flag("cli.help") || line.command.empty() ||
        line.command == "help") {
      print_help();
      return line.command.empty() && !config.flag("cli.help") ? k_exit_usage
                                                              : k_exit_ok;
    }
    ui::Reporter reporter(verbosity_of(config));
    Invocation invocation{config, line.positionals, reporter};
    if (line.command == "hash") return cmd_hash(invocation);
    if (line.command == "algorithms") return cmd_algorithms(invocation);
    if (line.command == "config") return cmd_config(invocation);
    if (line.command == "verify") return cmd_verify(invocation);
    if (line.command == "export") return cmd_export(invocation);
    if (line.command == "dupes") return cmd_dupes(invocation);
    if (line.command == "download") return cmd_download(invocation);
    if (line.command == "copy") return cmd_copy(invocation);
    throw util::UsageError(line.command +
                           ": unknown command (see 'hasher --help')");
  } catch (const util::UsageError& error) {
    fallback.error(error.what());
    return k_exit_usage;
  } catch (const util::FatalError& error) {
    fallback.error(error.what());
    return k_exit_fatal;
  } catch (const std::exception& error) {
    fallback.error("internal", error.what());
    return k_exit_fatal;
  }
}

} // namespace hasher::cli
