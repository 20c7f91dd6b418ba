// Compression round trips through our Encoder and DecodingReader, streams
// made by the real tools' format rules (several gzip members, several zstd
// frames), damaged input, names and `--compress` values, and `auto`'s
// choices.

#include <hasher/codec/adaptive.hpp>
#include <hasher/codec/codec.hpp>
#include <hasher/codec/decoder.hpp>
#include <hasher/codec/encoder.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace hasher::codec {
namespace {

using Bytes = std::vector<std::uint8_t>;

// Bytes in memory, handed out in reads of at most `step` bytes, as a file
// read in small pieces.
class MemoryReader final : public io::ByteReader {
public:
  explicit MemoryReader(Bytes bytes, std::size_t step = 1 << 16)
      : m_bytes(std::move(bytes)), m_step(step) {}
  util::Result<std::size_t> read(std::span<std::uint8_t> buffer) override {
    std::size_t n = std::min({buffer.size(), m_step, m_bytes.size() - m_at});
    std::copy_n(m_bytes.begin() + static_cast<std::ptrdiff_t>(m_at), n,
                buffer.begin());
    m_at += n;
    return n;
  }
  [[nodiscard]] const std::string& path() const override { return m_path; }
  [[nodiscard]] std::uint64_t size_hint() const override {
    return m_bytes.size();
  }

private:
  Bytes m_bytes;
  std::size_t m_step;
  std::size_t m_at = 0;
  std::string m_path = "memory.bin";
};

Bytes text_bytes(std::size_t size) {
  Bytes out;
  for (std::size_t i = 0; out.size() < size; ++i) {
    std::string line = "line " + std::to_string(i) + " of some text\n";
    out.insert(out.end(), line.begin(), line.end());
  }
  out.resize(size);
  return out;
}

Bytes random_bytes(std::size_t size) {
  std::mt19937_64 engine(42);
  Bytes out(size);
  for (std::uint8_t& byte : out) byte = static_cast<std::uint8_t>(engine());
  return out;
}

Bytes encode(Codec codec, int level, const Bytes& input,
             std::size_t chunk = 1 << 16) {
  Encoder encoder;
  encoder.start(codec, level, input.size());
  Bytes out;
  for (std::size_t at = 0; at < input.size(); at += chunk) {
    std::size_t n = std::min(chunk, input.size() - at);
    auto part = encoder.update({input.data() + at, n}, "memory.bin");
    EXPECT_TRUE(part);
    out.insert(out.end(), part->begin(), part->end());
  }
  auto tail = encoder.finish("memory.bin");
  EXPECT_TRUE(tail);
  out.insert(out.end(), tail->begin(), tail->end());
  return out;
}

util::Result<Bytes> decode(Codec codec, Bytes input, std::size_t step = 1 << 16,
                           std::size_t buffer = 1 << 16) {
  MemoryReader source(std::move(input), step);
  Decoder decoder;
  DecodingReader reader(source, codec, decoder);
  Bytes out;
  Bytes chunk(buffer);
  for (;;) {
    util::Result<std::size_t> got = reader.read(chunk);
    if (!got) return got.error();
    if (*got == 0) break;
    // Every read but the last fills the buffer (FileHasher relies on it).
    out.insert(out.end(), chunk.begin(),
               chunk.begin() + static_cast<std::ptrdiff_t>(*got));
    if (*got < chunk.size()) {
      util::Result<std::size_t> after = reader.read(chunk);
      if (!after) return after.error();
      EXPECT_EQ(*after, 0u);
      break;
    }
  }
  return out;
}

class CodecRoundTrip : public ::testing::TestWithParam<Codec> {};

TEST_P(CodecRoundTrip, TextAndRandomAndEmptySurviveAnyChunking) {
  const Codec codec = GetParam();
  for (const Bytes& input :
       {Bytes{}, Bytes{'x'}, text_bytes(1 << 20), random_bytes(300001)}) {
    Bytes packed = encode(codec, default_level(codec), input, 4096);
    util::Result<Bytes> back = decode(codec, packed, 777, 1000);
    ASSERT_TRUE(back) << back.error().reason;
    EXPECT_EQ(*back, input);
  }
  Bytes text = text_bytes(1 << 20);
  EXPECT_LT(encode(codec, default_level(codec), text).size(), text.size() / 4);
}

TEST_P(CodecRoundTrip, ConcatenatedStreamsReadAsOne) {
  const Codec codec = GetParam();
  Bytes first = text_bytes(10000);
  Bytes second = random_bytes(5000);
  Bytes packed = encode(codec, 1, first);
  Bytes more = encode(codec, 1, second);
  packed.insert(packed.end(), more.begin(), more.end());
  util::Result<Bytes> back = decode(codec, packed);
  ASSERT_TRUE(back) << back.error().reason;
  Bytes both = first;
  both.insert(both.end(), second.begin(), second.end());
  EXPECT_EQ(*back, both);
}

TEST_P(CodecRoundTrip, TruncatedStreamIsAnErrorNamingTheFile) {
  const Codec codec = GetParam();
  Bytes packed = encode(codec, 3, text_bytes(200000));
  packed.resize(packed.size() / 2);
  util::Result<Bytes> back = decode(codec, packed);
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().kind, util::ErrorKind::invalid);
  EXPECT_EQ(back.error().subject, "memory.bin");
  EXPECT_EQ(back.error().reason,
            "truncated " + std::string(codec_name(codec)) + " data");
}

TEST_P(CodecRoundTrip, CorruptOrForeignDataIsAnError) {
  const Codec codec = GetParam();
  Bytes packed = encode(codec, 3, text_bytes(200000));
  packed[packed.size() / 2] ^= 0xff;
  packed[packed.size() / 2 + 1] ^= 0x55;
  util::Result<Bytes> back = decode(codec, packed);
  ASSERT_FALSE(back);
  EXPECT_EQ(back.error().kind, util::ErrorKind::invalid);

  util::Result<Bytes> plain = decode(codec, text_bytes(1000));
  ASSERT_FALSE(plain);
  EXPECT_NE(
      plain.error().reason.find("not valid " + std::string(codec_name(codec))),
      std::string::npos)
      << plain.error().reason;

  util::Result<Bytes> empty = decode(codec, {});
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().reason,
            "empty, no " + std::string(codec_name(codec)) + " data");
}

TEST_P(CodecRoundTrip, ContextsAreReusedAcrossFiles) {
  const Codec codec = GetParam();
  Encoder encoder;
  Decoder decoder;
  for (int file = 0; file < 3; ++file) {
    Bytes input = text_bytes(1000 + file * 70000);
    encoder.start(codec, 1 + file, 0);
    auto body = encoder.update(input, "f");
    ASSERT_TRUE(body);
    Bytes packed(body->begin(), body->end());
    auto tail = encoder.finish("f");
    ASSERT_TRUE(tail);
    packed.insert(packed.end(), tail->begin(), tail->end());
    MemoryReader source(packed);
    DecodingReader reader(source, codec, decoder);
    Bytes out(input.size() + 10);
    util::Result<std::size_t> got = reader.read(out);
    ASSERT_TRUE(got) << got.error().reason;
    out.resize(*got);
    EXPECT_EQ(out, input);
  }
}

INSTANTIATE_TEST_SUITE_P(Codecs, CodecRoundTrip,
                         ::testing::Values(Codec::gzip, Codec::zstd),
                         [](const auto& param_info) {
                           return std::string(codec_name(param_info.param));
                         });

// Stream starts from RFC 1952 (gzip ID1 ID2 = 1f 8b, CM 8) and RFC 8878
// (zstd frame magic 28 b5 2f fd, little-endian 0xFD2FB528).
TEST(Encoder, WritesTheStandardMagic) {
  Bytes gz = encode(Codec::gzip, 6, text_bytes(100));
  ASSERT_GE(gz.size(), 3u);
  EXPECT_EQ(gz[0], 0x1f);
  EXPECT_EQ(gz[1], 0x8b);
  EXPECT_EQ(gz[2], 0x08);
  Bytes zst = encode(Codec::zstd, 3, text_bytes(100));
  ASSERT_GE(zst.size(), 4u);
  EXPECT_EQ((Bytes{zst.begin(), zst.begin() + 4}),
            (Bytes{0x28, 0xb5, 0x2f, 0xfd}));
}

TEST(CodecNames, SuffixesAndStripping) {
  EXPECT_EQ(codec_of_path("a/b.txt.gz"), Codec::gzip);
  EXPECT_EQ(codec_of_path("a/b.tgz"), Codec::gzip);
  EXPECT_EQ(codec_of_path("a/b.zst"), Codec::zstd);
  EXPECT_EQ(codec_of_path("a/b.tzst"), Codec::zstd);
  EXPECT_EQ(codec_of_path("a/b.txt"), Codec::none);
  EXPECT_EQ(codec_of_path("a.gz/b"), Codec::none);
  EXPECT_EQ(codec_of_path(".gz"), Codec::none);
  EXPECT_EQ(strip_extension("d/x.tar.gz", Codec::gzip), "d/x.tar");
  EXPECT_EQ(strip_extension("d/x.tgz", Codec::gzip), "d/x.tar");
  EXPECT_EQ(strip_extension("d/x.zst", Codec::zstd), "d/x");
  EXPECT_EQ(strip_extension("d/x.zst", Codec::none), "d/x.zst");
  EXPECT_EQ(codec_extension(Codec::zstd), ".zst");
  EXPECT_EQ(codec_extension(Codec::gzip), ".gz");
}

TEST(ParseCompression, ValuesLevelsAndErrors) {
  auto zstd = parse_compression("zstd", std::nullopt, "--compress");
  ASSERT_TRUE(zstd);
  EXPECT_EQ(zstd->codec, Codec::zstd);
  EXPECT_EQ(zstd->level, 3);
  auto gzip9 = parse_compression("gzip:9", std::nullopt, "--compress");
  ASSERT_TRUE(gzip9);
  EXPECT_EQ(gzip9->codec, Codec::gzip);
  EXPECT_EQ(gzip9->level, 9);
  auto level = parse_compression("gzip", 2, "--compress");
  ASSERT_TRUE(level);
  EXPECT_EQ(level->level, 2);
  auto given = parse_compression("zstd:19", 2, "--compress");
  ASSERT_TRUE(given);
  EXPECT_EQ(given->level, 19);
  auto adaptive = parse_compression("auto", std::nullopt, "--compress");
  ASSERT_TRUE(adaptive);
  EXPECT_TRUE(adaptive->adaptive);

  for (const char* bad :
       {"xz", "gzip:10", "zstd:0", "zstd:x", "zstd:", "auto:3", ""}) {
    auto parsed = parse_compression(bad, std::nullopt, "--compress");
    ASSERT_FALSE(parsed) << bad;
    EXPECT_EQ(parsed.error().subject, "--compress");
    EXPECT_EQ(parsed.error().kind, util::ErrorKind::invalid);
  }
  EXPECT_EQ(
      parse_compression("gzip:10", std::nullopt, "--compress").error().reason,
      "gzip levels are 1 to 9, not 10");
  EXPECT_TRUE(names_compression("zstd:99"));
  EXPECT_TRUE(names_compression("auto"));
  EXPECT_FALSE(names_compression("src"));
}

TEST(AdaptiveChooser, PlainForCompressedTypesAndNoiseHighForText) {
  AdaptiveChooser chooser;
  Bytes text = text_bytes(1 << 16);
  Bytes noise = random_bytes(1 << 16);
  Compression notes = chooser.choose("d/notes.txt", text);
  EXPECT_EQ(notes.codec, Codec::zstd);
  EXPECT_EQ(notes.level, AdaptiveChooser::k_text_level);
  Compression data = chooser.choose("d/table.bin", text);
  EXPECT_EQ(data.codec, Codec::zstd);
  EXPECT_EQ(data.level, default_level(Codec::zstd));
  // Compressed already by its type, whatever the bytes say.
  EXPECT_EQ(chooser.choose("d/photo.JPG", text).codec, Codec::none);
  EXPECT_EQ(chooser.choose("d/a.tar.gz", text).codec, Codec::none);
  // The probe: random bytes do not shrink.
  EXPECT_EQ(chooser.choose("d/notes.txt", noise).codec, Codec::none);
  EXPECT_EQ(chooser.choose("d/empty", {}).codec, Codec::none);
}

} // namespace
} // namespace hasher::codec
