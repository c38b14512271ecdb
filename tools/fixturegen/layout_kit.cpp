#include "layout_kit.hpp"

#include <stdexcept>

#include "era.hpp"

namespace fixturegen {

PageStyle random_page_style(Random& rng, bool landscape) {
  static const std::vector<std::string> kFonts = {"Noto Serif CJK JP", "IPAMincho",
                                                  "Noto Sans CJK JP"};
  static const std::vector<double> kSizes = {9, 9.5, 10, 10.5, 11};
  PageStyle s;
  s.landscape = landscape;
  s.font_family = rng.pick(kFonts);
  s.font_size = rng.pick(kSizes);
  s.line_spacing = rng.chance(0.5) ? 1.1 : 1.25;
  s.margin_top = rng.range(40, 60);
  s.margin_bottom = rng.range(42, 58);
  s.margin_left = s.margin_right = rng.range(36, 50);
  static const std::vector<FooterStyle> kFooters = {
      FooterStyle::kNone, FooterStyle::kDashed, FooterStyle::kPlain, FooterStyle::kFullWidthDashed};
  s.footer = rng.pick(kFooters);
  return s;
}

std::string describe(const PageStyle& s) {
  char size[16];
  std::snprintf(size, sizeof size, "%gpt", s.font_size);
  return std::string(s.landscape ? "landscape" : "portrait") + ", " + s.font_family + " " + size;
}

StatusScheme status_scheme(const std::string& name) {
  using S = Status;
  if (name == "circled")
    return {name,
            {{"①", S::kTaken, 85}, {"②", S::kNotTaken, 15}},
            {"なお、区分の欄に記載する記号の意味は、「①＝措置を講じたもの」、「②＝措置を講じていな"
             "いもの」となっています。",
             "「②」については、措置を講じた後に、改めて報告します。"}};
  if (name == "circled3")
    return {name,
            {{"①", S::kTaken, 70}, {"②", S::kInProgress, 20}, {"③", S::kNotTaken, 10}},
            {"（凡例）①：措置済み　②：措置中（措置の方針を決定し、実施に向けて取り組んでいるもの）"
             "　③：未措置"}};
  if (name == "words")
    return {name,
            {{"措置済", S::kTaken, 70},
             {"一部措置", S::kPartiallyTaken, 12},
             {"措置中", S::kInProgress, 10},
             {"未措置", S::kNotTaken, 8}},
            {}};
  if (name == "improve")
    return {name, {{"改善済み", S::kTaken, 75}, {"改善中", S::kInProgress, 25}}, {}};
  if (name == "plan")
    return {name,
            {{"措置済み", S::kTaken, 65},
             {"措置予定", S::kInProgress, 20},
             {"検討中", S::kInProgress, 15}},
            {}};
  if (name == "letters")
    return {name,
            {{"Ａ", S::kTaken, 70}, {"Ｂ", S::kPartiallyTaken, 20}, {"Ｃ", S::kNotTaken, 10}},
            {"措置状況の欄の記号は、Ａ＝措置済、Ｂ＝一部措置、Ｃ＝未措置を表す。"}};
  if (name == "five-level")  // printed by some prefectures instead of taken / not taken
    return {name,
            {{"概ね改善済み", S::kTaken, 45},
             {"改善が進んだ", S::kPartiallyTaken, 20},
             {"改善に向けて取り組んだ", S::kInProgress, 15},
             {"検討を予定している", S::kInProgress, 10},
             {"取り組んでいない", S::kNotTaken, 10}},
            {}};
  if (name == "none") return {name, {}, {}};
  throw std::invalid_argument("unknown status scheme " + name);
}

StatusScheme pick_status_scheme(Random& rng, const std::vector<std::string>& names) {
  return status_scheme(rng.pick(names));
}

Status unprinted_status(Random& rng) {
  return rng.chance(0.8) ? Status::kTaken : Status::kInProgress;
}

StatusMark draw_mark(Random& rng, const StatusScheme& scheme) {
  if (scheme.marks.empty()) return {"", Status::kUnknown, 1};
  std::vector<int> weights;
  for (const StatusMark& m : scheme.marks) weights.push_back(m.weight);
  return scheme.marks[rng.weighted(weights)];
}

// How a date is printed: plain era date (full-width or not), split spacing, or with the
// Western year in parentheses.
std::string print_date_styled(Random& rng, const EraDate& d, bool full) {
  const int style = rng.range(0, 3);
  std::string plain = d.print(full && style == 0);
  if (style == 2) {
    // 平 成 27年 5 月 25日: a space inside the era name and around the month number.
    const std::string era_and_year = d.era_and_year(false);  // 平成27, 令和元
    return era_and_year.substr(0, 3) + " " + era_and_year.substr(3, 3) + " " +
           era_and_year.substr(6) + "年 " + std::to_string(d.month) + " 月 " +
           std::to_string(d.day) + "日";
  }
  if (style == 3) {
    // 令和2年(2020)1月29日
    size_t nen = plain.find("年");
    return plain.substr(0, nen + 3) + "(" + std::to_string(d.year) + ")" + plain.substr(nen + 3);
  }
  return plain;
}

std::string Numbering::next(int section) {
  if (section < 0 || section > 3) throw std::invalid_argument("numbering section");
  int n = ++count_[section];
  if (scheme_ == "sections") return (section == 0 ? "総論" : "個別事案") + digits(n, full_);
  if (scheme_ == "nested") {
    int major = section + 2;
    return full_ ? digits(major, true) + "（" + digits(n, true) + "）"
                 : std::to_string(major) + "(" + std::to_string(n) + ")";
  }
  if (scheme_ == "no") return full_ ? "Ｎｏ．" + digits(n, true) : "No." + std::to_string(n);
  if (scheme_ == "plain") return digits(n, full_);
  if (scheme_ == "paren")
    return full_ ? "（" + digits(n, true) + "）" : "(" + std::to_string(n) + ")";
  if (scheme_ == "kana") {
    static const std::vector<std::string> kKana = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ",
                                                   "ク", "ケ", "コ", "サ", "シ", "ス", "セ",
                                                   "ソ", "タ", "チ", "ツ", "テ", "ト"};
    return kKana[static_cast<size_t>(n - 1) % kKana.size()];
  }
  throw std::invalid_argument("unknown numbering " + scheme_);
}

}  // namespace fixturegen
