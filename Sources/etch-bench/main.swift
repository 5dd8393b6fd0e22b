// Seed: replaced by the benchmark driver.
print("etch-bench")
