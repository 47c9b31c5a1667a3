// Demo generator: see demo.hpp (work in progress).
