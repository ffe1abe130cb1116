# Writes the R-sourced example data sets of rnn4j into the folder named by $OUT.
# Called by extract_examples.sh; needs r-cran-modeldata and r-cran-janeaustenr.
out <- Sys.getenv("OUT")
if (!nzchar(out)) stop("set OUT to the output folder")

csv <- function(df, name) {
  # RFC 4180 CSV, UTF-8, "\n" line ends, no row names, every string quoted.
  write.csv(df, file.path(out, name), row.names = FALSE, fileEncoding = "UTF-8", eol = "\n")
}

# 1. Sentiment: modeldata::small_fine_foods holds two tibbles, training_data (4,000 rows) and
#    testing_data (1,000 rows), columns product, review, score (factor: great / other).
ff <- new.env()
data(small_fine_foods, package = "modeldata", envir = ff)
for (split in c("training_data", "testing_data")) {
  d <- get(split, envir = ff)
  d <- data.frame(review = d$review, score = as.character(d$score), stringsAsFactors = FALSE)
  csv(d, if (split == "training_data") "fine_foods_train.csv" else "fine_foods_test.csv")
}

# 2. Forecasting: datasets::AirPassengers, monthly totals of international airline passengers
#    (thousands), 1949-01 .. 1960-12, 144 rows.
ap <- datasets::AirPassengers
months <- sprintf("%d-%02d", floor(time(ap) + 1e-6), cycle(ap))
csv(data.frame(month = months, passengers = as.numeric(ap)), "air_passengers.csv")

# 3. Forecasting (larger, daily): modeldata::Chicago, L-train boardings at Clark/Lake (thousands)
#    with the date, 2001-01-22 .. 2016-08-28, 5,698 rows; only those two columns are kept.
ch <- new.env()
data(Chicago, package = "modeldata", envir = ch)
csv(data.frame(date = format(ch$Chicago$date, "%Y-%m-%d"), ridership = ch$Chicago$ridership),
    "chicago_ridership.csv")

# 4. Text generation: janeaustenr::prideprejudice, one element per line of the novel.
con <- file(file.path(out, "pride_and_prejudice.txt"), open = "w", encoding = "UTF-8")
writeLines(janeaustenr::prideprejudice, con, sep = "\n")
close(con)
