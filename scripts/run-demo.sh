#!/usr/bin/env bash
# `make run`: creates var/skillreg.db with the demo province if absent, prints the address and
# the demo logins, and serves on SQLite until Ctrl-C.
set -euo pipefail
bin=${1:-build/release/skillreg}
db_file=${SKILLREG_DB_FILE:-var/skillreg.db}
listen=${SKILLREG_LISTEN:-127.0.0.1:8080}
mkdir -p "$(dirname "$db_file")"
if [ ! -f "$db_file" ]; then
  echo "Creating $db_file with the demo province…"
  "$bin" --database "sqlite:$db_file" demo --scale "${SKILLREG_DEMO_SCALE:-3000}"
fi
cat <<TXT

  skillreg — 技能人才评价监管系统
  Address:  http://$listen
  API:      http://$listen/api/v1/health   (OpenAPI: /api/v1/openapi.json)

  Demo logins (password for all: demo-2026)
    province   省人社厅 (province_admin, 330000)
    center     省技能人才评价管理服务中心 (eval_center, 330000)
    qualdept   职业资格实施部门 (qualification_dept, 330000)
    hangzhou   杭州市人社局 (city_officer, 330100)
    ningbo     宁波市人社局 (city_officer, 330200)
    xihu       西湖区人社局 (county_officer, 330106)
    yinzhou    鄞州区人社局 (county_officer, 330212)
    inspector  检查人员 (inspector, 330100)
    inst       评价机构管理员 (institution_admin, 330106)
    inst2      评价机构管理员 (institution_admin, 330212)
    examiner   考评人员 钱卫东 (examiner, 330100): 我的考评任务

  Stop with Ctrl-C.
TXT
exec "$bin" --database "sqlite:$db_file" serve --listen "$listen"
