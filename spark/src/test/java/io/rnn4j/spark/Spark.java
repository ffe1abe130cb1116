package io.rnn4j.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/** The tests' local Spark: {@code local[2]}, no UI, loopback only. */
final class Spark {
    private Spark() {
    }

    static JavaSparkContext local() {
        SparkConf conf = new SparkConf().setMaster("local[2]").setAppName("rnn4j-spark-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1").set("spark.sql.shuffle.partitions", "2");
        return new JavaSparkContext(conf);
    }
}
