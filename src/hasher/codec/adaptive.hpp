#pragma once

// `--compress auto`: the codec and level for one file, from its name and a
// quick probe of its first chunk (the user's notes ask for compression that
// adapts to the data). Files whose type is compressed already (images,
// audio, video, archives) and files whose first chunk does not shrink by a
// tenth at zstd's fastest level are stored plain; text-like types get a
// high level (they shrink a lot and decode as fast), the rest zstd's
// default.

#include <hasher/codec/codec.hpp>

#include <cstdint>
#include <span>
#include <string_view>

typedef struct ZSTD_CCtx_s ZSTD_CCtx;

namespace hasher::codec {

class AdaptiveChooser {
public:
  // A probe shrinking the first chunk to more than this share of it means
  // "store plain".
  static constexpr double k_plain_ratio = 0.9;
  static constexpr int k_text_level = 9;

  AdaptiveChooser();
  ~AdaptiveChooser();
  AdaptiveChooser(const AdaptiveChooser&) = delete;
  AdaptiveChooser& operator=(const AdaptiveChooser&) = delete;

  // What to do with the file at `path` whose first chunk is `first` (empty
  // for an empty file, which is stored plain). Codec::none = store plain.
  Compression choose(std::string_view path,
                     std::span<const std::uint8_t> first);

private:
  ZSTD_CCtx* m_probe = nullptr;
  std::uint8_t* m_out = nullptr;
  std::size_t m_out_size = 0;
};

} // namespace hasher::codec
