"""`make bench`: every benchmark, figures to stdout and bench/results/*.json."""

from bench import model_variants, server_latency
from bench.common import write
from bot.core.runtime import quiet

if __name__ == "__main__":
    quiet()
    write("server", server_latency.main())
    model_variants.main()  # writes results/model_variants.json variant by variant
