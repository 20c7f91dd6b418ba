#include <hasher/walk/filters.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>

namespace hasher::walk {
namespace {

constexpr std::int64_t k_second = 1000000000;
// 2024-05-01T00:00:00Z (date -u -d 2024-05-01 +%s).
constexpr std::int64_t k_may_first = 1714521600 * k_second;

io::FileInfo file_of(std::uint64_t size, std::int64_t mtime_ns) {
  io::FileInfo info;
  info.size = size;
  info.mtime_ns = mtime_ns;
  return info;
}

TEST(FilterSet, NothingSetKeepsEverythingWithoutStat) {
  FilterSet filters{Filters{}};
  EXPECT_FALSE(filters.needs_stat());
  EXPECT_FALSE(filters.drops_hidden(".git"));
  EXPECT_FALSE(filters.excludes("a.o", "sub/a.o"));
  EXPECT_TRUE(filters.includes("a.o", "sub/a.o"));
  EXPECT_FALSE(filters.drops_extension("a.tmp"));
  EXPECT_TRUE(filters.accepts(file_of(0, 0)));
}

TEST(FilterSet, HiddenNamesStartWithADot) {
  Filters settings;
  settings.skip_hidden = SkipHidden::yes;
  FilterSet filters(settings);
  EXPECT_TRUE(filters.drops_hidden(".git"));
  EXPECT_TRUE(filters.drops_hidden(".x.txt"));
  EXPECT_FALSE(filters.drops_hidden("x.txt"));
  EXPECT_FALSE(filters.drops_hidden("a.b"));
  EXPECT_FALSE(filters.drops_hidden(""));
}

TEST(FilterSet, GlobWithoutSlashMatchesTheName) {
  Filters settings;
  settings.exclude = {"*.o", "build", "[Tt]emp?"};
  FilterSet filters(settings);
  EXPECT_TRUE(filters.excludes("a.o", "a.o"));
  EXPECT_TRUE(filters.excludes("a.o", "deep/down/a.o"));
  EXPECT_TRUE(filters.excludes("build", "src/build"));
  EXPECT_TRUE(filters.excludes("temp1", "temp1"));
  EXPECT_TRUE(filters.excludes("Temp2", "x/Temp2"));
  EXPECT_FALSE(filters.excludes("a.oo", "a.oo"));
  EXPECT_FALSE(filters.excludes("builds", "builds"));
  EXPECT_FALSE(filters.excludes("temp", "temp"));
  // '*' also matches a leading dot (no FNM_PERIOD).
  EXPECT_TRUE(filters.excludes(".o", ".o"));
}

TEST(FilterSet, GlobWithSlashMatchesThePathBelowTheRoot) {
  Filters settings;
  settings.exclude = {"sub/*.log", "docs/build"};
  FilterSet filters(settings);
  EXPECT_TRUE(filters.excludes("a.log", "sub/a.log"));
  // Without FNM_PATHNAME '*' crosses '/'.
  EXPECT_TRUE(filters.excludes("b.log", "sub/deep/b.log"));
  EXPECT_FALSE(filters.excludes("a.log", "a.log"));
  EXPECT_FALSE(filters.excludes("a.log", "other/sub/a.log"));
  EXPECT_TRUE(filters.excludes("build", "docs/build"));
  EXPECT_FALSE(filters.excludes("build", "build"));
}

TEST(FilterSet, IncludeNeedsOneMatch) {
  Filters settings;
  settings.include = {"*.txt", "keep/*"};
  FilterSet filters(settings);
  EXPECT_TRUE(filters.includes("a.txt", "x/a.txt"));
  EXPECT_TRUE(filters.includes("a.bin", "keep/a.bin"));
  EXPECT_FALSE(filters.includes("a.bin", "x/a.bin"));
  EXPECT_FALSE(filters.needs_stat());
}

TEST(FilterSet, ExtensionsWithOrWithoutDotIgnoringCase) {
  Filters settings;
  settings.skip_extensions = {".tmp", "BAK", "", "."};
  FilterSet filters(settings);
  EXPECT_TRUE(filters.drops_extension("a.tmp"));
  EXPECT_TRUE(filters.drops_extension("a.TMP"));
  EXPECT_TRUE(filters.drops_extension("b.bak"));
  EXPECT_TRUE(filters.drops_extension("c.x.Bak"));
  EXPECT_FALSE(filters.drops_extension("tmp"));
  EXPECT_FALSE(filters.drops_extension("a.tmpl"));
  EXPECT_FALSE(filters.drops_extension("atmp"));
  EXPECT_FALSE(filters.drops_extension("a."));
  EXPECT_FALSE(filters.needs_stat());
}

TEST(FilterSet, SizeBoundsAreInclusive) {
  Filters settings;
  settings.min_size = 10;
  settings.max_size = 20;
  FilterSet filters(settings);
  EXPECT_TRUE(filters.needs_stat());
  EXPECT_FALSE(filters.accepts(file_of(9, 0)));
  EXPECT_TRUE(filters.accepts(file_of(10, 0)));
  EXPECT_TRUE(filters.accepts(file_of(20, 0)));
  EXPECT_FALSE(filters.accepts(file_of(21, 0)));
}

TEST(FilterSet, TimeBoundsAreStrict) {
  Filters settings;
  settings.newer_ns = 100;
  settings.older_ns = 200;
  FilterSet filters(settings);
  EXPECT_TRUE(filters.needs_stat());
  EXPECT_FALSE(filters.accepts(file_of(0, 100)));
  EXPECT_TRUE(filters.accepts(file_of(0, 101)));
  EXPECT_TRUE(filters.accepts(file_of(0, 199)));
  EXPECT_FALSE(filters.accepts(file_of(0, 200)));
}

TEST(ParseTimeFilter, DatesAreMidnightUtc) {
  EXPECT_EQ(parse_time_filter("2024-05-01", 0), k_may_first);
  EXPECT_EQ(parse_time_filter("1970-01-01", 0), 0);
  EXPECT_EQ(parse_time_filter("2024-02-29", 0),
            k_may_first - 62 * 86400 * k_second);
  EXPECT_EQ(parse_time_filter("1969-12-31", 0), -86400 * k_second);
}

TEST(ParseTimeFilter, TimesWithZoneOrOffset) {
  EXPECT_EQ(parse_time_filter("2024-05-01T12:00:00Z", 0),
            k_may_first + 12 * 3600 * k_second);
  EXPECT_EQ(parse_time_filter("2024-05-01T12:00:00+02:00", 0),
            k_may_first + 10 * 3600 * k_second);
  EXPECT_EQ(parse_time_filter("2024-05-01T12:00:00-0530", 0),
            k_may_first + (17 * 3600 + 30 * 60) * k_second);
  EXPECT_EQ(parse_time_filter("2024-05-01T00:00:01.25Z", 0),
            k_may_first + k_second + k_second / 4);
  EXPECT_EQ(parse_time_filter("1970-01-01T00:00:00.000000001Z", 0), 1);
  EXPECT_EQ(parse_time_filter("1969-12-31T23:59:59.5Z", 0), -k_second / 2);
}

TEST(ParseTimeFilter, AgesCountBackFromNow) {
  const std::int64_t now = k_may_first;
  EXPECT_EQ(parse_time_filter("90s", now), now - 90 * k_second);
  EXPECT_EQ(parse_time_filter("45m", now), now - 45 * 60 * k_second);
  EXPECT_EQ(parse_time_filter("12h", now), now - 12 * 3600 * k_second);
  EXPECT_EQ(parse_time_filter("30d", now), now - 30 * 86400 * k_second);
  EXPECT_EQ(parse_time_filter("2w", now), now - 14 * 86400 * k_second);
  EXPECT_EQ(parse_time_filter("0d", now), now);
}

TEST(ParseTimeFilter, MalformedIsNullopt) {
  for (const char* text : {"",
                           "d",
                           "5",
                           "-5d",
                           "+5d",
                           "5x",
                           "5 d",
                           "1e3d",
                           "5D",
                           "1.5h",
                           "99999999999999999999d",
                           "2024-5-01",
                           "2024-05-1",
                           "2024/05/01",
                           "2024-13-01",
                           "2024-00-10",
                           "2024-02-30",
                           "2023-02-29",
                           "2024-05-00",
                           "2024-05-01T",
                           "2024-05-01T12:00:00",
                           "2024-05-01 12:00:00Z",
                           "2024-05-01T24:00:00Z",
                           "2024-05-01T12:60:00Z",
                           "2024-05-01T12:00:60Z",
                           "2024-05-01T12:00Z",
                           "2024-05-01T12:00:00.Z",
                           "2024-05-01T12:00:00.1234567891Z",
                           "2024-05-01T12:00:00+2",
                           "2024-05-01T12:00:00+24:00",
                           "2024-05-01T12:00:00+02:60",
                           "2024-05-01T12:00:00Zx",
                           "2024-05-01x",
                           "2300-01-01",
                           "1600-01-01"}) {
    EXPECT_EQ(parse_time_filter(text, k_may_first), std::nullopt) << text;
  }
}

TEST(ParseTimeFilter, AgesThatOverflowAreNullopt) {
  constexpr std::int64_t min = std::numeric_limits<std::int64_t>::min();
  EXPECT_EQ(parse_time_filter("1s", min), std::nullopt);
  EXPECT_EQ(parse_time_filter("100000w", 0), std::nullopt);
  EXPECT_NE(parse_time_filter("10000w", 0), std::nullopt);
}

} // namespace
} // namespace hasher::walk
