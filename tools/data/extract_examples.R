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
#    with the date and that day's Chicago weather, 2001-01-22 .. 2016-08-28, 5,698 rows. Kept: date,
#    ridership, temp / temp_min / temp_max (degrees F), precip (inches; modeldata spells it `percip`),
#    weather_rain and weather_snow (share of the day's weather reports with rain / snow), rounded to 4
#    digits; the other stations and the sports schedules are dropped to keep the file small.
ch <- new.env()
data(Chicago, package = "modeldata", envir = ch)
cg <- ch$Chicago
r4 <- function(x) round(as.numeric(x), 4)
csv(data.frame(date = format(cg$date, "%Y-%m-%d"), ridership = cg$ridership,
               temp = r4(cg$temp), temp_min = r4(cg$temp_min), temp_max = r4(cg$temp_max),
               precip = r4(cg$percip), weather_rain = r4(cg$weather_rain), weather_snow = r4(cg$weather_snow)),
    "chicago_ridership.csv")

# 3b. US holidays for the Chicago example's calendar covariates, 2001 .. 2017: New Year, Martin Luther
#     King, Presidents, Memorial, Independence, Labor, Thanksgiving and Christmas days by timeDate's
#     rules, each moved to the observed weekday when it falls on a weekend (Saturday -> Friday,
#     Sunday -> Monday); needs r-cran-timedate.
days <- c("USNewYearsDay", "USMLKingsBirthday", "USPresidentsDay", "USMemorialDay", "USIndependenceDay",
          "USLaborDay", "USThanksgivingDay", "USChristmasDay")
suppressPackageStartupMessages(library(timeDate))
hol <- as.Date(unlist(lapply(days, function(h) as.character(holiday(2001:2017, h)))))
wd <- as.POSIXlt(hol)$wday
hol <- hol + ifelse(wd == 6, -1, ifelse(wd == 0, 1, 0))
csv(data.frame(date = format(sort(hol), "%Y-%m-%d")), "chicago_holidays.csv")

# 4. Text generation: janeaustenr::prideprejudice, one element per line of the novel.
con <- file(file.path(out, "pride_and_prejudice.txt"), open = "w", encoding = "UTF-8")
writeLines(janeaustenr::prideprejudice, con, sep = "\n")
close(con)
