package com.onward.graduation;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import jakarta.validation.constraints.Positive;

/**
 * Hypercare after go-live ({@code onward.graduation.hypercare}): how many days it lasts (the seeds'
 * two weeks) and how many days an issue logged during it has to be resolved by default.
 */
@ConfigurationProperties("onward.graduation.hypercare")
@Validated
record HypercareProperties(@Positive int days, @Positive int resolutionTargetDays) {
}
