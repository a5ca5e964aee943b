"""Password hashers for tests: real argon2id with cheap parameters, counting its work.

Counting `verify` is how the tests prove that a refused sign-in spends no hashing time.
"""

from __future__ import annotations

from hamcoach.services.passwords import Argon2Hasher


class CountingHasher(Argon2Hasher):
    def __init__(self, time_cost: int = 1, memory_cost: int = 8, parallelism: int = 1) -> None:
        super().__init__(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
        self.hashes = 0
        self.verifies = 0

    def hash(self, password: str) -> str:
        self.hashes += 1
        return super().hash(password)

    def verify(self, stored: str, password: str) -> bool:
        self.verifies += 1
        return super().verify(stored, password)

    def dummy(self) -> str:
        # The dummy's own hash is made once and is not a sign-in's work: keep it out of the count.
        hashes = self.hashes
        found = super().dummy()
        self.hashes = hashes
        return found
