// Seed file so the target builds; replaced by the first real source of the target.
enum TargetsSeed {}
