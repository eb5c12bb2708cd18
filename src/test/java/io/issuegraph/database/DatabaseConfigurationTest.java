package io.issuegraph.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.jdbc.autoconfigure.JdbcProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.jdbc.support.SQLStateSQLExceptionTranslator;

/** The repositories' template: over both pools, with what Boot's own would take from the environment. */
class DatabaseConfigurationTest {

    private final SimpleDriverDataSource main = new SimpleDriverDataSource();
    private final SimpleDriverDataSource transactions = new SimpleDriverDataSource();

    @Test
    void takesBootsTemplateSettingsAndTranslator() {
        var translator = new SQLStateSQLExceptionTranslator();
        JdbcTemplate jdbc = template(Map.of("spring.jdbc.template.query-timeout", "7s",
                "spring.jdbc.template.fetch-size", "50", "spring.jdbc.template.max-rows", "1000"), translator);

        assertThat(jdbc.getQueryTimeout()).isEqualTo(7);
        assertThat(jdbc.getFetchSize()).isEqualTo(50);
        assertThat(jdbc.getMaxRows()).isEqualTo(1000);
        assertThat(jdbc.getExceptionTranslator()).isSameAs(translator);
        assertThat(jdbc.getDataSource()).isInstanceOf(TransactionRouting.class);
    }

    @Test
    void leavesTheDriverDefaultsWhenNothingIsSet() {
        JdbcTemplate jdbc = template(Map.of(), null);

        assertThat(jdbc.getQueryTimeout()).isEqualTo(-1);
        assertThat(jdbc.getFetchSize()).isEqualTo(-1);
        assertThat(jdbc.getMaxRows()).isEqualTo(-1);
        assertThat(jdbc.getExceptionTranslator()).isNotInstanceOf(SQLStateSQLExceptionTranslator.class);
    }

    private JdbcTemplate template(Map<String, String> environment, SQLExceptionTranslator translator) {
        JdbcProperties properties = new Binder(new MapConfigurationPropertySource(environment))
                .bindOrCreate("spring.jdbc", JdbcProperties.class);
        var beans = new StaticListableBeanFactory(translator == null ? Map.of() : Map.of("translator", translator));
        return new DatabaseConfiguration().jdbcTemplate(main, transactions, properties,
                beans.getBeanProvider(SQLExceptionTranslator.class));
    }
}
