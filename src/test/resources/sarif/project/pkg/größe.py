# Größen in Bytes
größen = {"α": 1, "β": 2}
𝔡 = 1; liste = list(größen.keys())
