#include "municipalities.hpp"

namespace fixturegen {

const std::vector<Municipality>& municipalities() {
  // Codes as in the 総務省 全国地方公共団体コード list; the tests verify every check digit.
  using K = MunicipalityKind;
  static const std::vector<Municipality> kAll = {
      {"札幌市", "011002", "北海道", K::kDesignated},
      {"函館市", "012025", "北海道", K::kCity},
      {"旭川市", "012041", "北海道", K::kCity},
      {"青森市", "022012", "青森県", K::kCity},
      {"盛岡市", "032018", "岩手県", K::kCity},
      {"仙台市", "041009", "宮城県", K::kDesignated},
      {"秋田市", "052019", "秋田県", K::kCity},
      {"山形市", "062014", "山形県", K::kCity},
      {"福島市", "072010", "福島県", K::kCity},
      {"水戸市", "082015", "茨城県", K::kCity},
      {"宇都宮市", "092011", "栃木県", K::kCity},
      {"前橋市", "102016", "群馬県", K::kCity},
      {"さいたま市", "111007", "埼玉県", K::kDesignated},
      {"川越市", "112011", "埼玉県", K::kCity},
      {"千葉市", "121002", "千葉県", K::kDesignated},
      {"船橋市", "122041", "千葉県", K::kCity},
      {"新宿区", "131041", "東京都", K::kCity},
      {"八王子市", "132012", "東京都", K::kCity},
      {"横浜市", "141003", "神奈川県", K::kDesignated},
      {"川崎市", "141305", "神奈川県", K::kDesignated},
      {"新潟市", "151009", "新潟県", K::kDesignated},
      {"富山市", "162019", "富山県", K::kCity},
      {"金沢市", "172014", "石川県", K::kCity},
      {"長野市", "202011", "長野県", K::kCity},
      {"岐阜市", "212016", "岐阜県", K::kCity},
      {"静岡市", "221007", "静岡県", K::kDesignated},
      {"浜松市", "221309", "静岡県", K::kDesignated},
      {"名古屋市", "231002", "愛知県", K::kDesignated},
      {"豊田市", "232114", "愛知県", K::kCity},
      {"大津市", "252018", "滋賀県", K::kCity},
      {"京都市", "261009", "京都府", K::kDesignated},
      {"大阪市", "271004", "大阪府", K::kDesignated},
      {"堺市", "271403", "大阪府", K::kDesignated},
      {"豊中市", "272035", "大阪府", K::kCity},
      {"神戸市", "281000", "兵庫県", K::kDesignated},
      {"姫路市", "282014", "兵庫県", K::kCity},
      {"奈良市", "292010", "奈良県", K::kCity},
      {"鳥取市", "312011", "鳥取県", K::kCity},
      {"松江市", "322016", "島根県", K::kCity},
      {"岡山市", "331007", "岡山県", K::kDesignated},
      {"広島市", "341002", "広島県", K::kDesignated},
      {"福山市", "342076", "広島県", K::kCity},
      {"下関市", "352012", "山口県", K::kCity},
      {"山口市", "352039", "山口県", K::kCity},
      {"高松市", "372013", "香川県", K::kCity},
      {"松山市", "382019", "愛媛県", K::kCity},
      {"北九州市", "401005", "福岡県", K::kDesignated},
      {"福岡市", "401307", "福岡県", K::kDesignated},
      {"熊本市", "431001", "熊本県", K::kDesignated},
      {"大分市", "442011", "大分県", K::kCity},
      {"鹿児島市", "462012", "鹿児島県", K::kCity},
      {"那覇市", "472018", "沖縄県", K::kCity},
      {"東京都", "130001", "東京都", K::kPrefecture},
      {"大阪府", "270008", "大阪府", K::kPrefecture},
      {"神奈川県", "140007", "神奈川県", K::kPrefecture},
      {"福岡県", "400009", "福岡県", K::kPrefecture},
  };
  return kAll;
}

bool code_check_digit_valid(const std::string& code) {
  if (code.size() != 6) return false;
  int sum = 0;
  for (int i = 0; i < 6; ++i)
    if (code[i] < '0' || code[i] > '9') return false;
  for (int i = 0; i < 5; ++i) sum += (code[i] - '0') * (6 - i);
  return (11 - sum % 11) % 10 == code[5] - '0';
}

}  // namespace fixturegen
