# Sample for judge "a": seed 13, fresh random.Random(13) per rule.
import json, random
RULES = ["MEM101", "MEM102", "MEM103", "MEM201", "MEM202", "MEM203", "MEM401"]
std = json.load(open("/work/review3/stdlib-all.json"))
site = json.load(open("/work/review3/site-all.json"))
pool_all = [("stdlib", f) for f in std] + [("site", f) for f in site]
pool_all = [(s, f) for s, f in pool_all if f["code"] != "MEM001"]
out = {}
for code in RULES:
    pool = [(s, f) for s, f in pool_all if f["code"] == code]
    ns = sum(1 for s, _ in pool if s == "stdlib"); nsite = len(pool) - ns
    sample = random.Random(13).sample(pool, min(20, len(pool)))
    out[code] = {"stdlib": ns, "site": nsite, "sample": [(s, f) for s, f in sample]}
    print(f"=== {code} stdlib={ns} site={nsite} judged={len(sample)}")
    for i, (s, f) in enumerate(sample, 1):
        print(f"{i:2d} {s} {f['path']}:{f['line']}:{f['column']}\n   {f['message']}")
        if f.get('cost'): print("   cost:", f['cost'].get('provenance'))
json.dump(out, open("/tmp/sample-a.json", "w"), indent=1)
