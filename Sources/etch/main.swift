// Seed: replaced by a call into EtchCLI.
print("etch")
