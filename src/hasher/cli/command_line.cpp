#include <hasher/cli/command_line.hpp>

#include <hasher/codec/codec.hpp>
#include <hasher/util/errors.hpp>

#include <unistd.h>

namespace hasher::cli {
namespace {

bool takes_value(const config::Setting& setting) {
  return setting.type != config::ValueType::flag;
}

} // namespace

CommandLine parse_command_line(int argc, const char* const* argv) {
  CommandLine line;
  bool options_done = false;
  auto add = [&line](const config::Setting* setting, std::string value,
                     std::string flag) {
    line.options.emplace_back(setting, std::move(value));
    line.flags_used.push_back(std::move(flag));
  };
  auto positional = [&line](std::string arg) {
    if (line.command.empty()) {
      line.command = std::move(arg);
    } else {
      line.positionals.push_back(std::move(arg));
    }
  };

  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (options_done || arg == "-" || arg.size() < 2 || arg[0] != '-') {
      positional(std::move(arg));
      continue;
    }
    if (arg == "--") {
      options_done = true;
      continue;
    }
    auto next_value = [&](const std::string& flag) -> std::string {
      if (i + 1 >= argc) {
        throw util::UsageError(flag + ": needs a value");
      }
      return argv[++i];
    };
    if (arg[1] == '-') {
      std::string name = arg;
      std::string value;
      bool has_value = false;
      if (auto eq = arg.find('='); eq != std::string::npos) {
        name = arg.substr(0, eq);
        value = arg.substr(eq + 1);
        has_value = true;
      }
      // verify's --check is the subcommand's own flag (sha256sum -c).
      if (name == "--check" && line.command == "verify") {
        add(config::find_setting("cli.check"), "true", name);
        continue;
      }
      // A bare --compress is the original tool's flag (gzip): a value
      // follows only if it names a compression or is no existing path (so
      // that `--compress xz` is refused, not copied as a SRC).
      if (name == "--compress" && !has_value) {
        has_value = true;
        value = "gzip";
        if (i + 1 < argc && argv[i + 1][0] != '-' &&
            (codec::names_compression(argv[i + 1]) ||
             ::access(argv[i + 1], F_OK) != 0)) {
          value = argv[++i];
        }
      }
      const config::Setting* setting = config::find_flag(name);
      if (setting == nullptr) {
        throw util::UsageError(name + ": unknown option (see 'hasher --help')");
      }
      if (takes_value(*setting)) {
        add(setting, has_value ? value : next_value(name), name);
      } else {
        add(setting, has_value ? value : "true", name);
      }
      continue;
    }
    // Short options, possibly bundled: -qv, -j4, -j 4.
    for (std::size_t at = 1; at < arg.size(); ++at) {
      std::string flag = std::string("-") + arg[at];
      const config::Setting* setting = nullptr;
      if (arg[at] == 'c' && line.command == "verify") {
        setting = config::find_setting("cli.check");
        add(setting, "true", flag);
        continue;
      }
      setting = config::find_flag(flag);
      if (setting == nullptr) {
        throw util::UsageError(flag + ": unknown option (see 'hasher --help')");
      }
      if (!takes_value(*setting)) {
        add(setting, "true", flag);
        continue;
      }
      std::string value =
          at + 1 < arg.size() ? arg.substr(at + 1) : next_value(flag);
      add(setting, value, flag);
      break;
    }
  }
  return line;
}

} // namespace hasher::cli
