"""Password hashing: Argon2id with the OWASP Password Storage Cheat Sheet's first configuration.

OWASP recommends Argon2id with at least 19 MiB of memory, 2 iterations and 1 degree of parallelism
(cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html). Django's default uses
100 MiB per check, which on a laptop-sized server costs more memory than the whole journal. Hashes
made with other parameters are still checked, and upgraded at the next sign-in.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    algorithm = "argon2"
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
