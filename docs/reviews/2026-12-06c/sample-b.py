# Sampling script for judge b. Seed 13, fresh random.Random(13) per rule.
import json, random, sys
RULES = ["MEM301", "MEM302", "MEM303", "MEM305", "MEM501", "MEM502", "MEM503"]
std = json.load(open("/work/review3/stdlib-all.json"))
site = json.load(open("/work/review3/site-all.json"))
out = {}
for code in RULES:
    pool = [("stdlib", f) for f in std if f["code"] == code and f["code"] != "MEM001"] + \
           [("site", f) for f in site if f["code"] == code and f["code"] != "MEM001"]
    rng = random.Random(13)
    s = rng.sample(pool, min(20, len(pool)))
    out[code] = {"n_std": sum(1 for p in pool if p[0] == "stdlib"),
                 "n_site": sum(1 for p in pool if p[0] == "site"),
                 "sample": [{"set": st, **f} for st, f in s]}
json.dump(out, open("/work/review3/sample-b.json", "w"), indent=1)
for code, d in out.items():
    print(f"== {code} stdlib={d['n_std']} site={d['n_site']} judged={len(d['sample'])}")
    for i, f in enumerate(d["sample"], 1):
        p = f["path"].replace("/root/.pyenv/versions/3.11.7/lib/python3.11/", "")
        print(f"{i}\t{f['set']}\t{p}:{f['line']}\t{f['message']}")
