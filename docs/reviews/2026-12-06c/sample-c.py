# Sampling script for reviewer c. Seed 13, fresh Random per rule.
import json, random
RULES = ["MEM601", "MEM602", "MEM603", "MEM605", "MEM606", "MEM607", "MEM702"]
std = json.load(open("/work/review3/stdlib-all.json"))
site = json.load(open("/work/review3/site-all.json"))
out = {}
for code in RULES:
    pool = [("stdlib", f) for f in std if f["code"] == code and f["code"] != "MEM001"] + \
           [("site", f) for f in site if f["code"] == code and f["code"] != "MEM001"]
    s = random.Random(13).sample(pool, min(20, len(pool)))
    ns = sum(1 for p in pool if p[0] == "stdlib")
    out[code] = {"n_stdlib": ns, "n_site": len(pool) - ns, "sample": [{"set": a, **f} for a, f in s]}
json.dump(out, open("/tmp/sample-c.json", "w"), indent=1)
for code, v in out.items():
    print(code, v["n_stdlib"], v["n_site"], len(v["sample"]))
