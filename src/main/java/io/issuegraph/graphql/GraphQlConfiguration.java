package io.issuegraph.graphql;

import graphql.scalars.ExtendedScalars;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.data.method.annotation.support.AnnotatedControllerConfigurer;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

@Configuration(proxyBeanMethods = false)
class GraphQlConfiguration {

    /** RFC 3339 date-times; resolvers hand it {@code OffsetDateTime}s in UTC. */
    @Bean
    RuntimeWiringConfigurer scalars() {
        return wiring -> wiring.scalar(UtcDateTimeScalar.of(ExtendedScalars.DateTime));
    }

    /**
     * Controller methods run on the request's own thread. Boot hands Spring for GraphQL an executor so that
     * blocking controllers get a thread of their own; with virtual threads the request thread is already
     * one, and the hop (a new thread, context propagation, an async servlet dispatch) cost more than
     * the whole query (docs/scaling.md#where-the-time-goes).
     */
    @Bean
    static BeanPostProcessor controllersOnRequestThread() {
        return new BeanPostProcessor() {

            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof AnnotatedControllerConfigurer controllers) {
                    controllers.setBlockingMethodPredicate(method -> false);
                }
                return bean;
            }
        };
    }
}
