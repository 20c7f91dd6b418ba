// The transpose the kernels would each do, done once for several of them
// (compress_together): block by block, every lane's 16 words into one
// register per word, stored as they are (MD5) and byte-swapped (SHA).

#include <hasher/digest/multi/avx512.hpp>
#include <hasher/digest/multi/kernels.hpp>

namespace hasher::digest::multi {

__attribute__((target("avx512f,avx512bw"))) void
columns_x16(const std::uint8_t* base, const std::uint32_t offsets[k_lanes],
            std::size_t blocks, std::uint32_t* little, std::uint32_t* big) {
  const avx512::Rows<false> rows(base, offsets);
  for (std::size_t block = 0; block < blocks; ++block) {
    __m512i w[16];
    rows.load(block, w);
#pragma GCC unroll 16
    for (std::size_t j = 0; j < 16; ++j) {
      std::size_t at = (block * 16 + j) * k_lanes;
      if (little != nullptr) _mm512_store_si512(little + at, w[j]);
      if (big != nullptr) {
        _mm512_store_si512(big + at, avx512::byte_swap_words(w[j]));
      }
    }
  }
}

} // namespace hasher::digest::multi
