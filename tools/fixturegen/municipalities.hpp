// Real local governments with their 全国地方公共団体コード (6 digits, check digit included).
#pragma once

#include <string>
#include <vector>

namespace fixturegen {

enum class MunicipalityKind { kCity, kDesignated, kPrefecture };

struct Municipality {
  std::string name;        // 下関市
  std::string code;        // 352012
  std::string prefecture;  // 山口県 (a prefecture names itself)
  MunicipalityKind kind;   // designated cities and prefectures have 局/部, others 部/課
};

const std::vector<Municipality>& municipalities();

// The check digit rule of the code: weights 6..2 on the first five digits, (11 - sum % 11) % 10.
bool code_check_digit_valid(const std::string& code);

}  // namespace fixturegen
