#include "phrases.hpp"

#include <algorithm>

#include "era.hpp"

namespace fixturegen {
namespace {

// One subject area of audit items. In every string, {S} is replaced by a subject (a system, a
// contract, an asset ...), {D} by the department. Stems end in a サ変 noun so that any ending
// (した。 / する予定である。 / することを検討している。) can follow.
struct Topic {
  std::vector<std::string> subjects;
  std::vector<std::string> titles;
  std::vector<std::string> observations;
  std::vector<std::string> demands;  // without the ending
  std::vector<std::string> stems;
};

const std::vector<Topic>& topics() {
  static const std::vector<Topic> kTopics = {
      {{"住民記録システム", "財務会計システム", "介護保険システム", "図書館情報システム",
        "施設予約システム", "税務総合システム", "文書管理システム", "国民健康保険システム"},
       {"{S}の利用者IDの管理について", "{S}のパスワードの設定について",
        "{S}の操作ログの確認について", "記録媒体(ＵＳＢ)の管理について",
        "開発元のサポート期間が終了したOSについて", "{S}のバックアップデータの保管について",
        "情報セキュリティ研修の受講について"},
       {"{S}の利用者IDについて確認したところ、異動又は退職した職員のIDが削除されずに残っていた。",
        "{S}のパスワードは定期的に変更されておらず、初期設定のまま使用されているものがあった。",
        "操作ログは取得されているものの、その内容が定期的に確認されていなかった。",
        "保有する記録媒体が管理簿に登録されないまま、日常的に使用されていた。",
        "開発元のサポート期間が終了したOSを搭載した端末が、庁内ネットワークに接続されたまま使用され"
        "ていた。",
        "{S}"
        "のバックアップデータが本番機と同一の室内に保管されており、災害時の復旧に支障を来すおそれが"
        "ある。",
        "情報セキュリティ研修を受講していない職員が多数見受けられた。"},
       {"{D}は、情報セキュリティポリシーに基づき、利用者IDを適切に管理",
        "{D}は、{S}の操作ログを定期的に確認する体制を構築",
        "{D}は、記録媒体を管理簿に登録し、適切な管理を徹底",
        "{D}は、サポート期間が終了したOSの使用を速やかに解消"},
       {"不要となった利用者IDを削除",
        "パスワードの定期的な変更を職員に周知し、変更状況の確認手順を整備",
        "操作ログを毎月確認し、その結果を記録する運用を開始",
        "記録媒体を管理簿に登録し、使用の都度、情報セキュリティ責任者の承認を得る運用に変更",
        "該当する端末をネットワークから切り離し、サポート期間内のOSを搭載した端末への更新を実施",
        "バックアップデータを遠隔地のデータセンターに保管する運用に変更",
        "全職員を対象とした情報セキュリティ研修を実施"}},
      {{"庁舎清掃業務委託", "電算システム保守業務委託", "施設管理業務委託", "学校給食調理業務委託",
        "道路維持補修工事", "公園維持管理業務委託"},
       {"{S}の契約方法について", "{S}の予定価格の算定について", "随意契約の理由の記録について",
        "{S}の履行確認について", "契約保証金の取扱いについて", "長期継続契約の見直しについて"},
       {"{S}"
        "は、地方自治法施行令第167条の2第1項第2号を理由として随意契約とされていたが、その理由が十分"
        "に記録されていなかった。",
        "{S}"
        "の予定価格は、前年度の契約額をそのまま用いて算定されており、積算の根拠が確認できなかった"
        "。",
        "{S}"
        "の完了検査において、仕様書に定める報告書の提出を確認しないまま検査調書が作成されていた。",
        "契約保証金の免除について、その理由が決裁文書に記載されていなかった。",
        "同一の事業者との随意契約が10年以上継続しており、競争性が確保されていなかった。"},
       {"{D}は、契約事務規則に基づき、適正な事務の執行を徹底", "{D}は、予定価格の積算根拠を明確に",
        "{D}は、仕様書に基づく履行確認を徹底"},
       {"随意契約理由書の様式を改め、根拠条文と理由を記載する運用に変更",
        "複数の事業者から見積書を徴取し、予定価格の積算根拠を明確化",
        "完了検査のチェックリストを作成し、報告書の提出を確認した上で検査を実施する手順を整備",
        "契約保証金の免除理由を決裁文書に記載するよう課内に周知",
        "次年度から指名競争入札に移行することを決定"}},
      {{"普通財産の土地", "行政財産の目的外使用", "庁用車", "備品", "公有財産台帳"},
       {"{S}の管理について", "{S}の使用料の算定について", "備品台帳の整備について",
        "未利用地の活用について", "公有財産台帳と現況の不一致について"},
       {"{S}について現地を確認したところ、台帳に記載された面積と現況が一致していなかった。",
        "行政財産の目的外使用許可に係る使用料が、条例に定める額と異なる額で算定されていた。",
        "備品台帳に登録された備品のうち、所在が確認できないものが15点あった。",
        "長期間利用されていない未利用地について、活用又は処分の方針が定められていなかった。",
        "庁用車の運行記録簿に、走行距離が記入されていない日が多数見受けられた。"},
       {"{D}は、公有財産の現況を把握し、台帳を正確に整備", "{D}は、条例に基づき使用料を適正に算定",
        "{D}は、備品の現物確認を定期的に実施"},
       {"現地測量を実施し、公有財産台帳の面積を修正", "使用料を再算定し、差額を追加で徴収",
        "所在不明の備品について調査を行い、確認できないものは不用品として処分の手続を実施",
        "未利用地の売却に向けた鑑定評価を実施", "運行記録簿の記入を徹底するよう所属職員に周知",
        "年1回、全ての備品の現物確認を行う運用を開始"}},
      {{"窓口現金", "釣銭", "使用料収入", "証明手数料", "駐車場使用料"},
       {"{S}の取扱いについて", "収納金の払込みの遅延について", "現金出納簿の記帳について",
        "{S}の保管について"},
       {"{S}が、当日中に指定金融機関に払い込まれず、翌日以降に払い込まれている例があった。",
        "現金出納簿の記帳が、複数日分まとめて行われていた。",
        "釣銭が金庫に保管されず、施錠されていない机の引出しに保管されていた。",
        "収納金の照合が担当者1名のみで行われており、複数人による確認がされていなかった。"},
       {"{D}は、会計規則に基づき、収納金の速やかな払込みを徹底",
        "{D}は、現金の取扱いに関する内部統制を強化"},
       {"収納金を当日中に払い込むよう事務手順を変更",
        "現金出納簿を毎日記帳し、係長が確認する運用に変更",
        "釣銭を金庫に保管し、保管状況を毎日確認する運用を開始",
        "収納金の照合を2名で行う体制を整備"}},
      {{"地域活動支援補助金", "商店街活性化事業補助金", "観光振興事業補助金", "スポーツ振興補助金",
        "私立保育所運営費補助金"},
       {"{S}の実績報告の確認について", "{S}の交付額の算定について", "補助対象経費の確認について",
        "{S}の効果の検証について"},
       {"{S}の実績報告書に添付された領収書の金額と、報告された経費の額が一致していなかった。",
        "補助対象外の経費が補助対象経費に含まれたまま交付額が確定されていた。",
        "{S}について、交付の効果が検証されないまま、同額の補助が継続されていた。",
        "交付要綱に定める期限を過ぎて実績報告書が提出されていたが、督促がされていなかった。"},
       {"{D}は、実績報告書の審査を徹底", "{D}は、補助金の効果を検証し、制度の見直しを検討"},
       {"補助対象経費を再審査し、過大に交付した補助金の返還を求める手続を実施",
        "実績報告書の審査手順書を作成し、複数の職員で確認する体制を整備",
        "補助金の効果を検証する評価シートを導入", "交付要綱を改正し、補助対象経費の範囲を明確化"}},
      {{"個人情報を含む文書", "個人情報取扱事務", "電子メール", "ファクシミリ"},
       {"個人情報の取扱いについて", "{S}の誤送付の防止について", "個人情報を含む文書の廃棄について",
        "委託先における個人情報の管理について"},
       {"個人情報を含む文書が、施錠されていない書庫に保管されていた。",
        "{S}の送付時に、送付先の確認が担当者1名のみで行われていた。",
        "保存期間を経過した個人情報を含む文書が、廃棄されずに保管されていた。",
        "業務委託先における個人情報の管理状況について、実地の確認が行われていなかった。"},
       {"{D}は、個人情報の保護に関する法律に基づき、安全管理措置を徹底",
        "{D}は、委託先の監督を適切に実施"},
       {"書庫に施錠し、鍵の管理簿を作成", "送付時に2名で送付先を確認する手順に変更",
        "保存期間を経過した文書を溶解処理により廃棄", "委託先への実地検査を年1回実施する運用を開始",
        "個人情報の取扱いに関する研修を実施"}},
      {{"市税", "国民健康保険料", "保育料", "市営住宅使用料", "学校給食費"},
       {"{S}の滞納整理について", "{S}の時効管理について", "債権の不納欠損処理について",
        "督促状の発送について"},
       {"{S}の滞納者に対する催告が長期間行われておらず、時効により債権が消滅したものがあった。",
        "督促状が納期限後20日以内に発送されていない例があった。",
        "不納欠損処理に当たり、債務者の資力の調査が行われた記録がなかった。",
        "分割納付の誓約書が徴取されているものの、履行状況が確認されていなかった。"},
       {"{D}は、債権管理条例に基づき、適切な債権管理を実施", "{D}は、時効の管理を徹底"},
       {"滞納者ごとの時効管理表を作成し、催告の時期を管理する運用を開始",
        "督促状の発送期限をシステムで管理するよう設定を変更",
        "資力調査の結果を記録する様式を定め、不納欠損処理の決裁に添付する運用に変更",
        "分割納付の履行状況を毎月確認する手順を整備"}},
  };
  return kTopics;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
}

// Replaces ASCII digits with full-width ones (the style of some reports' running text).
std::string style_digits(const std::string& s, const TextStyle& ts) {
  if (!ts.full_width_digits) return s;
  std::string out;
  for (char c : s) out += (c >= '0' && c <= '9') ? digits(c - '0', true) : std::string(1, c);
  return out;
}

std::string fill(std::string s, const std::string& subject, const std::string& dept,
                 const TextStyle& ts) {
  replace_all(s, "{S}", subject);
  replace_all(s, "{D}", dept);
  return style_digits(s, ts);
}

std::string measure_date(Random& rng, const TextStyle& ts, bool future) {
  int year = ts.fiscal_year + (future ? 2 : 1);
  EraDate d = random_date(rng, year, future ? 4 : 1, future ? 3 : 9);
  if (future || rng.chance(0.4)) d.day = 0;
  return d.print(ts.full_width_digits);
}

}  // namespace

ItemText compose_item(Random& rng, Kind kind, const std::string& department, const TextStyle& ts) {
  ItemText item;
  item.topic = rng.range(0, static_cast<int>(topics().size()) - 1);
  const Topic& t = topics()[item.topic];
  const std::string& subject = rng.pick(t.subjects);
  item.title = fill(rng.pick(t.titles), subject, department, ts);
  int n = rng.range(1, 2);
  std::vector<std::string> obs = t.observations;
  for (int i = 0; i < n && !obs.empty(); ++i) {
    size_t k = static_cast<size_t>(rng.range(0, static_cast<int>(obs.size()) - 1));
    item.observations.push_back(fill(obs[k], subject, department, ts));
    obs.erase(obs.begin() + static_cast<long>(k));
  }
  std::string demand = fill(rng.pick(t.demands), subject, department, ts);
  item.demand = demand + (kind == Kind::kOpinion ? "することが望まれる。" : "されたい。");
  return item;
}

std::string compose_measure(Random& rng, Status status, const ItemText& item, const TextStyle& ts,
                            bool bullets) {
  const Topic& t = topics()[item.topic];
  std::vector<std::string> stems = t.stems;
  auto take = [&] {
    size_t k = static_cast<size_t>(rng.range(0, static_cast<int>(stems.size()) - 1));
    std::string s = style_digits(stems[k], ts);
    if (stems.size() > 1) stems.erase(stems.begin() + static_cast<long>(k));
    return s;
  };
  std::vector<std::string> sentences;
  switch (status) {
    case Status::kTaken:
    case Status::kUnknown: {
      int n = rng.range(1, 3);
      for (int i = 0; i < n; ++i) {
        std::string prefix = rng.chance(0.5) ? measure_date(rng, ts, false) + "に、" : "";
        sentences.push_back(prefix + take() + (rng.chance(0.3) ? "することとした。" : "した。"));
      }
      if (rng.chance(0.4)) sentences.push_back("今後も、適正な事務の執行に努めていく。");
      break;
    }
    case Status::kPartiallyTaken:
      sentences.push_back(measure_date(rng, ts, false) + "に、" + take() + "した。");
      sentences.push_back("なお、" + take() + "については、" + measure_date(rng, ts, true) +
                          "までに対応する予定である。");
      break;
    case Status::kInProgress:
      sentences.push_back(measure_date(rng, ts, true) + "までに、" + take() + "する予定である。");
      if (rng.chance(0.5))
        sentences.push_back("あわせて、" + take() + "することについて検討している。");
      break;
    case Status::kNotTaken:
      sentences.push_back(take() +
                          "することについて検討を行ったが、システムの改修に多額の費用を要するため、"
                          "現時点では実施に至っていない。");
      sentences.push_back("引き続き、対応策を検討する。");
      break;
  }
  std::string out;
  for (size_t i = 0; i < sentences.size(); ++i) {
    if (bullets) {
      if (i) out += "\n";
      out += "・" + sentences[i];
    } else {
      out += sentences[i];
    }
  }
  return out;
}

std::vector<std::string> pick_sections(Random& rng, MunicipalityKind kind, int n) {
  static const std::vector<std::string> kSections = {"情報政策課",
                                                     "財政課",
                                                     "契約課",
                                                     "管財課",
                                                     "会計課",
                                                     "税務課",
                                                     "市民課",
                                                     "保険年金課",
                                                     "介護保険課",
                                                     "子育て支援課",
                                                     "保育課",
                                                     "健康推進課",
                                                     "環境政策課",
                                                     "廃棄物対策課",
                                                     "道路課",
                                                     "公園緑地課",
                                                     "下水道課",
                                                     "建築指導課",
                                                     "都市計画課",
                                                     "教育総務課",
                                                     "学校教育課",
                                                     "生涯学習課",
                                                     "文化振興課",
                                                     "危機管理課",
                                                     "人事課",
                                                     "商工振興課",
                                                     "観光振興課",
                                                     "農林水産課",
                                                     "市民サービス課",
                                                     "中央図書館",
                                                     "消防局　総務課",
                                                     "上下水道局　浄水課",
                                                     "環境施設課（清掃工場を含む。）",
                                                     "総務部　契約課"};
  static const std::vector<std::string> kPrefSections = {
      "情報企画課",     "財政課",     "人事課",       "会計課",         "税務課",
      "県有財産活用課", "医療政策課", "子ども家庭課", "環境政策課",     "道路整備課",
      "河川課",         "農業振興課", "観光振興課",   "教育庁　総務課", "県警察本部　会計課"};
  std::vector<std::string> pool = kind == MunicipalityKind::kPrefecture ? kPrefSections : kSections;
  std::vector<std::string> out;
  for (int i = 0; i < n && !pool.empty(); ++i) {
    size_t k = static_cast<size_t>(rng.range(0, static_cast<int>(pool.size()) - 1));
    out.push_back(pool[k]);
    pool.erase(pool.begin() + static_cast<long>(k));
  }
  return out;
}

std::string pick_bureau(Random& rng, MunicipalityKind kind) {
  static const std::vector<std::string> kBureaus = {
      "健康局",     "環境局",     "建設局",           "福祉局", "市民局",
      "経済戦略局", "都市整備局", "教育委員会事務局", "水道局", "財政局"};
  static const std::vector<std::string> kDepartments = {"総務部",     "財務部",     "市民部",
                                                        "健康福祉部", "環境部",     "都市整備部",
                                                        "建設部",     "教育委員会", "上下水道局"};
  return rng.pick(kind == MunicipalityKind::kCity ? kDepartments : kBureaus);
}

std::string pick_theme(Random& rng) {
  static const std::vector<std::string> kThemes = {
      "情報システムに係る事務の執行について",
      "公有財産の管理及び活用について",
      "補助金等の交付事務の執行について",
      "契約事務の執行について",
      "子育て支援施策に関する事務の執行について",
      "債権管理に関する事務の執行について",
      "指定管理者制度の運用について",
      "個人情報の保護に関する事務の執行について",
  };
  return rng.pick(kThemes);
}

}  // namespace fixturegen
