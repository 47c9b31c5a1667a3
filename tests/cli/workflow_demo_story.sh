#!/bin/bash
# The close-out workflow on the demo network (issue 6 "Done when"), as docs/workflow.md tells it.
# Usage: tests/cli/workflow_demo_story.sh build/pitwall /tmp/d   (needs python3 and sqlite3)
set -u
PW=$1; D=$2; C=2023-spring-renewal
export PITWALL_WORKSPACE=$D LANG=en
step() { echo; echo "== $*"; }
rm -rf $D && $PW demo $D > /dev/null || exit 1

export PITWALL_NOW=2023-04-01T10:00:00+08:00
step "HQ runs the close-out: the numbers everyone confirms"
$PW closeout run --campaign $C --as hq | head -3
step "review, $PITWALL_NOW: status"
$PW campaign status --campaign $C
step "a store tries another store's order (refused)"
O=$($PW confirm list --campaign $C --store HB-BJ02 --json | python3 -c 'import json,sys; print([o["order_id"] for o in json.load(sys.stdin)["orders"] if o["counted"]][0])')
$PW confirm store --campaign $C --store HB-BJ01 --as store-hb-bj01 --dispute $O --claim not-valid --note "not ours"; echo "exit $?"
step "stores confirm; three dispute; the last 8 stay silent"
stores=$($PW user list --json | python3 -c 'import json,sys; print(" ".join(u["scope"] for u in json.load(sys.stdin) if u["role"]=="store"))')
n=0; for s in $stores; do n=$((n+1)); done
i=0
for s in $stores; do
  i=$((i+1)); [ $i -gt $((n-8)) ] && break
  u=store-$(echo $s | tr A-Z a-z)
  if [ $s = HB-BJ01 ]; then
    mine=$($PW confirm list --campaign $C --store HB-BJ01 --json | python3 -c 'import json,sys; print([o["order_id"] for o in json.load(sys.stdin)["orders"] if o["counted"]][1])')
    $PW confirm store --campaign $C --store $s --as $u --dispute $mine --claim not-valid --note "customer cancelled by phone" --dispute $O --claim mine --note "our advisor closed it"
  elif [ $s = HD-HF03 ]; then
    ring=$($PW arbitrate list --campaign $C --json | python3 -c 'import json,sys; print([q["order_id"] for q in json.load(sys.stdin) if q["store"]=="HD-HF03" and "fraud.ring" in q["reasons"]][0])')
    $PW confirm store --campaign $C --store $s --as $u --dispute $ring --claim not-valid --note "friends-and-family accounts"
  else
    $PW confirm store --campaign $C --store $s --as $u > /dev/null || echo "confirm $s failed"
  fi
done
step "status after the confirmations"
$PW campaign status --campaign $C
step "region sign-off before the review window ends (refused: its silent stores)"
$PW confirm region --campaign $C --region 西南战区 --as region-southwest; echo "exit $?"

export PITWALL_NOW=2023-04-06T10:00:00+08:00
step "arbitration, $PITWALL_NOW: the queue"
$PW arbitrate list --campaign $C | head -8
step "the arbiter decides every open item"
$PW arbitrate decide --campaign $C $O --decision store:HB-BJ01 --reason "advisor's call log shows HB-BJ01 closed it" --as arbiter
$PW arbitrate list --campaign $C --open --json | python3 -c '
import json,sys
for q in json.load(sys.stdin):
  r=q["reasons"]
  if "dispute.not_valid" in r and "fraud.ring" in r: print(q["order_id"], "exclude", "blacklist")
  elif "dispute.not_valid" in r: print(q["order_id"], "exclude", "-")
  elif "fraud.ring" in r or "fraud.mass_cancel" in r: print(q["order_id"], "exclude", "-")
  else: print(q["order_id"], "count", "-")' | while read o d b; do
  if [ $b = blacklist ]; then
    $PW arbitrate decide --campaign $C $o --decision $d --reason "ring of related accounts" --as arbiter --blacklist
  else
    $PW arbitrate decide --campaign $C $o --decision $d --reason "reviewed evidence" --as arbiter > /dev/null || echo "decide $o failed"
  fi
done
step "decisions do not run the pipeline: the stored run is no longer current"
$PW closeout summary --campaign $C | head -1
$PW confirm store --campaign $C --store HB-BJ02 --as store-hb-bj02; echo "exit $?"
step "finance runs the close-out again: the decisions are applied"
$PW closeout run --campaign $C --as finance | head -1
step "stale confirmations are given again"
$PW campaign status --campaign $C --json | python3 -c 'import json,sys; print(" ".join(s["store"] for s in json.load(sys.stdin)["stores"]["list"] if s["status"]=="stale"))' > /tmp/stale.txt
cat /tmp/stale.txt
for s in $(cat /tmp/stale.txt); do $PW confirm store --campaign $C --store $s --as store-$(echo $s | tr A-Z a-z) > /dev/null; done

export PITWALL_NOW=2023-04-08T09:00:00+08:00
step "after the review window, $PITWALL_NOW: regions and finance sign"
for r in east:华东战区 south:华南战区 north:华北战区 central:华中战区 southwest:西南战区 northwest:西北战区; do
  $PW confirm region --campaign $C --region ${r#*:} --as region-${r%%:*}
done
$PW confirm finance --campaign $C --as finance
step "HQ freezes"
$PW campaign freeze --campaign $C --as hq
step "an import into the frozen campaign is refused"
$PW import exceptions $D/exceptions.csv --campaign $C --force --as hq; echo "exit $?"
step "seal before freeze_days have passed (refused)"
$PW campaign seal --campaign $C --as hq; echo "exit $?"

export PITWALL_NOW=2023-04-15T10:00:00+08:00
step "$PITWALL_NOW: seal"
$PW campaign seal --campaign $C --as hq
step "verify"
$PW campaign verify --campaign $C; echo "exit $?"
step "reports, workbook and seal agree on one sealed run"
$PW campaign status --campaign $C --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("sealed run", d["seal"]["run"], d["seal"]["result_digest"][:12])'
$PW closeout summary --campaign $C --json | python3 -c 'import json,sys; d=json.load(sys.stdin)["run_status"]; print("summary reads run", d["run"], d["result_digest"][:12], "sealed" if d["sealed"] else "NOT SEALED")'
$PW closeout settlement --campaign $C --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print("settlement reads run", d["run_status"]["run"], "orders", d["settlement"]["total"]["orders"])'
$PW closeout run --campaign $C --as hq; echo "exit $?"
$PW closeout export --campaign $C --xlsx /tmp/story.xlsx --as finance --lang en && (cd /tmp && libreoffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,1" story.xlsx > /dev/null 2>&1; head -6 /tmp/story-Cover.csv)
step "any further write is refused"
$PW arbitrate decide --campaign $C $O --decision count --reason "late change" --as arbiter; echo "exit $?"
$PW import orders $D/orders-2023-04-02.csv --campaign $C --force --as hq; echo "exit $?"
step "a late refund is a carry-over"
$PW campaign carry-over --campaign $C $O --amount -704.00 --reason "refund requested 2023-04-12" --as finance
$PW campaign status --campaign $C
step "a row changed behind Pitwall's back is caught"
cp $D/pitwall.db /tmp/pitwall-sealed.db
sqlite3 $D/pitwall.db "DROP TRIGGER sealed_records_update; UPDATE records SET json = replace(json, '\"decision\":\"exclude\"', '\"decision\":\"count\"') WHERE collection = 'closeout.decisions';"
$PW campaign verify --campaign $C; echo "exit $?"
cp /tmp/pitwall-sealed.db $D/pitwall.db
step "a tampered log entry is caught"
sqlite3 $D/pitwall.db "DROP TRIGGER sealed_logs_change; UPDATE logs SET json = replace(json, 'reviewed evidence', 'reviewed evidence!') WHERE log = '$C/adjustments' AND seq = (SELECT MIN(seq) FROM logs WHERE log = '$C/adjustments' AND json LIKE '%reviewed evidence%');"
$PW campaign verify --campaign $C; echo "exit $?"
cp /tmp/pitwall-sealed.db $D/pitwall.db
step "retrospective"
$PW campaign retrospective --campaign $C --as hq --went-right "one pipeline, one set of numbers" --went-wrong "8 stores never confirmed" --recommend "plan 30% of the campaign time for the close-out" --recommend "share the blacklist with the win-back desk" --recommend "publish cut-offs to the hour a week before the end"
$PW campaign template --campaign $C --out /tmp/next-campaign
$PW campaign closing-plan --campaign $C --csv /tmp/closing
