# The pushbench image for sharded runs on Kubernetes ('pushbench k8s' writes the Job that uses it).
#   mvn -B -DskipTests -pl scenarios -am package
#   docker build -t registry.example/pushbench:0.1 .
#   docker push registry.example/pushbench:0.1
# The application jar and its dependencies are copied as built; nothing is downloaded at run time.
FROM eclipse-temurin:17-jre
COPY scenarios/target/lib/ /opt/pushbench/lib/
COPY scenarios/target/pushbench.jar /opt/pushbench/pushbench.jar
WORKDIR /results
# Each shard holds many sockets: most of the pod's memory may go to the heap and the connections' buffers.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-Djava.net.preferIPv4Stack=true", "-jar", "/opt/pushbench/pushbench.jar"]
