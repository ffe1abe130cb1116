# Extracts the MovieLens events of rnn4j's session-based recommendation example from Debian's
# r-cran-dslabs into examples/data/ (rnn4j never downloads data at run time; the outputs are committed).
#
#   sudo apt-get install -y --no-install-recommends r-base-core r-cran-dslabs
#   Rscript tools/data/extract_movielens.R              # writes examples/data/
#   Rscript tools/data/extract_movielens.R /tmp/out     # or another folder
#
# dslabs::movielens is GroupLens' "ml-latest-small" of October 2016: 100,004 ratings of 9,066 movies
# by 671 users, one row per rating with the movie's title, year and genres repeated. We keep what a
# next-item recommender needs:
#   movielens_events.csv  user,item,time   one row per rating (the rating value is dropped: a rating is
#                                          an event, "the user watched and rated this movie"), sorted by
#                                          user, then time, then item; time in Unix seconds (UTC)
#   movielens_items.csv   item,title       one row per movie, "Title (year)", sorted by item
#   movielens_LICENSE.txt the GroupLens usage licence and the citation (written by this script)
args <- commandArgs(trailingOnly = TRUE)
out <- if (length(args) >= 1) args[1] else {
  f <- sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))
  file.path(dirname(dirname(dirname(normalizePath(f)))), "examples", "data")
}
dir.create(out, showWarnings = FALSE, recursive = TRUE)
e <- new.env()
data(movielens, package = "dslabs", envir = e)
m <- e$movielens
stopifnot(nrow(m) == 100004, !anyNA(m$userId), !anyNA(m$movieId), !anyNA(m$timestamp))

ev <- data.frame(user = m$userId, item = m$movieId, time = m$timestamp)
ev <- ev[order(ev$user, ev$time, ev$item), ]
write.csv(ev, file.path(out, "movielens_events.csv"), row.names = FALSE, quote = FALSE, eol = "\n")

it <- unique(data.frame(item = m$movieId, title = ifelse(is.na(m$year), m$title, paste0(m$title, " (", m$year, ")")),
                        stringsAsFactors = FALSE))
it <- it[order(it$item), ]
stopifnot(!anyDuplicated(it$item))
write.csv(it, file.path(out, "movielens_items.csv"), row.names = FALSE, fileEncoding = "UTF-8", eol = "\n")

writeLines(c(
  "MovieLens \"ml-latest-small\" (October 2016), as carried by the R package dslabs 0.7.4 (Debian r-cran-dslabs),",
  "reduced by rnn4j's tools/data/extract_movielens.R to user, item, time and item titles.",
  "",
  "Source: F. Maxwell Harper and Joseph A. Konstan, GroupLens Research, University of Minnesota,",
  "http://files.grouplens.org/datasets/movielens/ml-latest-small.zip",
  "",
  "Usage License (GroupLens)",
  "",
  "Neither the University of Minnesota nor any of the researchers involved can guarantee the correctness of",
  "the data, its suitability for any particular purpose, or the validity of results based on the use of the",
  "data set. The data set may be used for any research purposes under the following conditions:",
  "",
  "* The user may not state or imply any endorsement from the University of Minnesota or the GroupLens",
  "  Research Group.",
  "* The user must acknowledge the use of the data set in publications resulting from the use of the data",
  "  set (see below for citation information).",
  "* The user may redistribute the data set, including transformations, so long as it is distributed under",
  "  these same license conditions.",
  "* The user may not use this information for any commercial or revenue-bearing purposes without first",
  "  obtaining permission from a faculty member of the GroupLens Research Project at the University of",
  "  Minnesota.",
  "* The executable software scripts are provided \"as is\" without warranty of any kind, either expressed or",
  "  implied, including, but not limited to, the implied warranties of merchantability and fitness for a",
  "  particular purpose. The entire risk as to the quality and performance of them is with you. Should the",
  "  program prove defective, you assume the cost of all necessary servicing, repair or correction.",
  "",
  "In no event shall the University of Minnesota, its affiliates or employees be liable to you for any",
  "damages arising out of the use or inability to use these programs (including but not limited to loss of",
  "data or data being rendered inaccurate).",
  "",
  "If you have any further questions or comments, please email <grouplens-info@umn.edu>",
  "",
  "Citation",
  "",
  "To acknowledge use of the dataset in publications, please cite the following paper:",
  "",
  "F. Maxwell Harper and Joseph A. Konstan. 2015. The MovieLens Datasets: History and Context. ACM",
  "Transactions on Interactive Intelligent Systems (TiiS) 5, 4: 19:1-19:19. https://doi.org/10.1145/2827872"
), file.path(out, "movielens_LICENSE.txt"))
cat(sprintf("wrote %d events of %d users and %d items to %s\n", nrow(ev), length(unique(ev$user)), nrow(it), out))
